"""The social domain's hand-made quarantine cases (pytests/test_quarantine_rules.py): for each raw
table, one good row (reason None) and one row per quarantine rule that breaks exactly that rule,
in the input contract's column order; and where each table's good row must arrive."""

from __future__ import annotations

from pathlib import Path

from . import Row

L2 = "2026-04-01 06:00"  # social load stamp
QUARANTINE_CASES: dict[str, list[tuple[str | None, Row]]] = {
    "raw_posts": [
        (None, ("p0", "u1", None, "2026-03-31 10:00", "video", False, L2)),
        ("null_post_id", (None, "u1", None, "2026-03-31 10:00", "video", False, L2)),
        ("missing_creator", ("p1", None, None, "2026-03-31 10:00", "video", False, L2)),
        ("missing_created_at", ("p2", "u1", None, None, "video", False, L2)),
        ("created_after_load", ("p3", "u1", None, "2026-04-02 10:00", "video", False, L2)),
    ],
    "raw_engagement_events": [
        (None, ("v0", "u1", "p0", "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
        ("null_event_id", (None, "u1", "p0", "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
        ("missing_post_id", ("v1", "u1", None, "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
        ("missing_user_id", ("v2", None, "p0", "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
        ("unknown_engagement_type", ("v3", "u1", "p0", "like", "2026-03-31 11:00", "s", "ios", None, L2)),
        ("negative_view_seconds", ("v4", "u1", "p0", "view", "2026-03-31 11:00", "s", "ios", -1.0, L2)),
        ("missing_event_timestamp", ("v5", "u1", "p0", "view", None, "s", "ios", 3.0, L2)),
        ("event_after_load", ("v6", "u1", "p0", "view", "2026-04-03 10:00", "s", "ios", 3.0, L2)),
        ("unknown_post", ("v7", "u1", "p_missing", "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
    ],
    "raw_social_users": [
        (None, ("u1", "ann", "2025-01-01", "viewer", False, "GB", "2026-04-01", L2)),
        ("null_user_id", (None, "ghost", "2025-01-01", "viewer", False, "GB", "2026-04-01", L2)),
        ("null_export_date", ("u2", "bob", "2025-01-01", "viewer", False, "GB", None, L2)),
        ("unknown_country", ("u3", "cid", "2025-01-01", "viewer", False, "XX", "2026-04-01", L2)),
        ("export_after_load", ("u4", "dee", "2025-01-01", "viewer", False, "GB", "2026-04-05", L2)),
    ],
}

STAGED = {
    "raw_posts": "staging.stg_social__posts where quarantine_reason is null",
    "raw_engagement_events": "social.fact_engagement_events",
    "raw_social_users": "staging.stg_social__users",
}


def landing_day(folder: Path, d: str, t: str) -> None:
    """One small day of landing files for `dwh run`, one per raw table (pytests/handmade.py, write_day):
    `d` is the day, `t` a moment in it."""
    (folder / "raw_posts__posts.ndjson").write_text(
        f'{{"post_id": "p1", "creator_user_id": "s1", "parent_post_id": null, "created_at": "{t}", '
        f'"content_type": "video", "is_deleted": false}}\n'
        f'{{"post_id": "p2", "creator_user_id": "s2", "parent_post_id": "p1", "created_at": "{t}", '
        f'"content_type": "video", "is_deleted": false}}\n')
    (folder / "raw_engagement_events__events.ndjson").write_text(
        f'{{"event_id": "v1", "user_id": "s2", "post_id": "p1", "engagement_type": "view", "event_ts": "{t}", '
        f'"session_id": "x", "platform": "ios", "view_seconds": 4.5}}\n')
    (folder / "raw_social_users__export.csv").write_text(
        "user_id,username,created_at,user_type,is_internal,country,export_date\n"
        f"s1,ann,2025-01-01 00:00:00,creator,false,GB,{d}\ns2,bob,2025-01-01 00:00:00,viewer,false,FR,{d}\n")


# What the marts hold after `dwh run` loads landing_day alone (pytests/test_daily_run.py)
DAILY_RUN_ANSWERS: dict[str, list[tuple[object, ...]]] = {
    "select post_id, share_depth_level from social.dim_posts order by post_id": [("p1", 0), ("p2", 1)]}


# Personal data typed into free text, and what the models hold (pytests/test_personal_data.py)
PERSONAL_DATA_TYPED = [("raw_social_users", "user_id", "username", 1, "jane.doe@example.com")]
PERSONAL_DATA_REDACTED = {
    "select username from social.dim_users where user_id = (select min(user_id) from social.dim_users)":
        [("[email redacted]",)],
}
PERSONAL_DATA_HEALED = {"select count(*) from social.dim_users where username like '[%redacted]'": [(0,)]}


# Work for the fault tests' next batch (pytests/test_faults.py): new shares of existing posts.
NEXT_BATCH = """
insert into raw.raw_posts
select post_id || '-s', creator_user_id, post_id, created_at + interval 7 day, content_type, false,
       (select next from stamp)
from raw.raw_posts where post_id like '%3';
"""
