"""An independent reference for the social answers, in plain Python.

Chains are resolved the obvious way: walk up the parent pointers of every post, with a visited
set for cycles (nothing like the SQL's pointer doubling). Metrics are counted with dictionaries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .reference import Row, newest, read_csv, strip, ts

ENGAGEMENT_TYPES = {"view", "reaction", "comment", "share", "save"}


@dataclass
class Chain:
    original_post_id: str | None
    share_depth_level: int | None
    share_path: str | None
    chain_status: str


@dataclass
class Expected:
    posts: dict[str, Row] = field(default_factory=dict)  # good current posts
    chains: dict[str, Chain] = field(default_factory=dict)
    events: dict[str, Row] = field(default_factory=dict)  # events in fact_engagement_events
    internal: set[str] = field(default_factory=set)
    quarantine: dict[tuple[str, str], int] = field(default_factory=dict)
    virality: dict[str, dict[str, object]] = field(default_factory=dict)
    share_levels: dict[tuple[str, int], int] = field(default_factory=dict)


def bump(counter: dict[tuple[str, str], int], table: str, reason: str) -> None:
    counter[(table, reason)] = counter.get((table, reason), 0) + 1


def resolve(parents: dict[str, str | None]) -> dict[str, Chain]:
    chains: dict[str, Chain] = {}
    for post in parents:
        path = [post]
        seen = {post}
        status = "ok"
        while True:
            parent = parents[path[-1]]
            if parent is None:
                break
            if parent not in parents:
                status = "orphaned"
                break
            if parent in seen:
                status = "cycle"
                break
            path.append(parent)
            seen.add(parent)
        if status == "cycle":
            chains[post] = Chain(None, None, None, "cycle")
        else:
            chains[post] = Chain(path[-1], len(path) - 1, "/".join(reversed(path)), status)
    return chains


def expected(seed_dir: Path) -> Expected:
    out = Expected()
    # posts
    posts = [{**r, "post_id": strip(r["post_id"]), "creator_user_id": strip(r["creator_user_id"]),
              "parent_post_id": strip(r["parent_post_id"]) or None} for r in read_csv(seed_dir / "raw_posts.csv")]
    for row in posts:
        if row["post_id"] is None:
            bump(out.quarantine, "raw_posts", "null_post_id")
    for (post_id,), row in newest([r for r in posts if r["post_id"]], ("post_id",)).items():
        if row["creator_user_id"] is None:
            bump(out.quarantine, "raw_posts", "missing_creator")
        elif row["created_at"] is None:
            bump(out.quarantine, "raw_posts", "missing_created_at")
        elif ts(row["created_at"]) > ts(row["_loaded_at"]):  # type: ignore[operator]
            bump(out.quarantine, "raw_posts", "created_after_load")
        else:
            out.posts[str(post_id)] = row
    out.chains = resolve({p: r["parent_post_id"] for p, r in out.posts.items()})
    # users: the latest good export row of each user
    users = [{**r, "user_id": strip(r["user_id"])} for r in read_csv(seed_dir / "raw_social_users.csv")]
    for row in users:
        if row["user_id"] is None:
            bump(out.quarantine, "raw_social_users", "null_user_id")
    latest: dict[str, Row] = {}
    for (user_id, _), row in newest([r for r in users if r["user_id"]], ("user_id", "export_date")).items():
        if user_id not in latest or str(row["export_date"]) > str(latest[str(user_id)]["export_date"]):
            latest[str(user_id)] = row
    out.internal = {u for u, r in latest.items() if r["is_internal"] == "true"}
    # events
    events = [{**r, "event_id": strip(r["event_id"]), "post_id": strip(r["post_id"]),
               "engagement_type": (r["engagement_type"] or "").strip().lower() or None}
              for r in read_csv(seed_dir / "raw_engagement_events.csv")]
    for row in events:
        if row["event_id"] is None:
            bump(out.quarantine, "raw_engagement_events", "null_event_id")
    for (event_id,), row in newest([r for r in events if r["event_id"]], ("event_id",)).items():
        seconds = float(row["view_seconds"]) if row["view_seconds"] else None
        if row["post_id"] is None:
            reason: str | None = "missing_post_id"
        elif row["user_id"] is None:
            reason = "missing_user_id"
        elif row["engagement_type"] not in ENGAGEMENT_TYPES:
            reason = "unknown_engagement_type"
        elif seconds is not None and seconds < 0:
            reason = "negative_view_seconds"
        elif ts(row["event_ts"]) > ts(row["_loaded_at"]):  # type: ignore[operator]
            reason = "event_after_load"
        elif row["post_id"] not in out.posts:
            reason = "unknown_post"
        else:
            reason = None
        if reason:
            bump(out.quarantine, "raw_engagement_events", reason)
        else:
            out.events[str(event_id)] = row
    # virality and share levels: healthy chains, real users only
    counted = [p for p, c in out.chains.items()
               if c.chain_status == "ok" and out.posts[p]["parent_post_id"] is not None
               and out.posts[p]["creator_user_id"] not in out.internal]
    by_original: dict[str, list[str]] = defaultdict(list)
    for post in counted:
        by_original[str(out.chains[post].original_post_id)].append(post)
        level = (str(out.chains[post].original_post_id), int(out.chains[post].share_depth_level or 0))
        out.share_levels[level] = out.share_levels.get(level, 0) + 1
    engagement: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for row in out.events.values():
        chain = out.chains[str(row["post_id"])]
        if row["user_id"] in out.internal or chain.chain_status != "ok":
            continue
        direct = out.posts[str(row["post_id"])]["parent_post_id"] is None
        is_view = row["engagement_type"] == "view"
        engagement[str(chain.original_post_id)][(0 if direct else 2) + (1 if is_view else 0)] += 1
    for post, row in out.posts.items():
        if row["parent_post_id"] is not None:
            continue
        shares = by_original.get(post, [])
        direct_eng, direct_views, indirect_eng, indirect_views = engagement.get(post, [0, 0, 0, 0])
        out.virality[post] = {
            "total_shares": len(shares),
            "max_share_depth": max((int(out.chains[s].share_depth_level or 0) for s in shares), default=0),
            "unique_sharers": len({out.posts[s]["creator_user_id"] for s in shares}),
            "direct_engagements": direct_eng,
            "direct_views": direct_views,
            "indirect_engagements": indirect_eng,
            "indirect_views": indirect_views,
            "share_uplift": indirect_eng / direct_eng if direct_eng else None,
        }
    return out
