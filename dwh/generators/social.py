"""Sample raw data for the social domain (share chains; contract: docs/contracts/social.md).

Six daily load batches of posts, engagement events and user exports. Every case the share-chain
dimension must survive is planted on purpose and listed by name in `Generated.planted`:

* a viral original shared ~150 times, chains up to depth 7,
* shares landing before their parent (with descendants), resolved when the parent lands,
* orphans whose parent never lands, cycles (two posts, a self-share, and one formed late),
* deleted shares and a deleted original (a newer row with is_deleted = true),
* internal accounts that share in the middle of chains and engage (they count nowhere),
* events on posts that land later (quarantined as unknown_post until then), replays, a user
  missing from the exports, and bad rows of every kind.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from dwh.contracts import raw_columns
from dwh.csvio import Value, write_table
from dwh.generators import Generated

DOMAIN = "social"
FIRST_DAY = date(2026, 3, 1)
BATCHES = 6
ENGAGEMENT_TYPES = ("view", "reaction", "comment", "share", "save")
PLATFORMS = ("ios", "android", "web")
CONTENT_TYPES = ("video", "image", "text")
INTERNAL_USERS = ("S028", "S029")
UNEXPORTED_USER = "S030"  # posts and engages, never in a users export

POST_COLUMNS = raw_columns("raw_posts")
EVENT_COLUMNS = raw_columns("raw_engagement_events")
USER_COLUMNS = raw_columns("raw_social_users")


def batch_stamp(batch: int) -> datetime:
    """Batch `batch` (0-based) lands at 06:00 on day batch + 1."""
    return datetime.combine(FIRST_DAY + timedelta(days=batch + 1), time(6, 0))


@dataclass(frozen=True)
class Post:
    post_id: str | None
    creator: str | None
    parent: str | None
    created_at: datetime
    content_type: str
    is_deleted: bool
    batch: int

    def row(self) -> tuple[Value, ...]:
        return (self.post_id, self.creator, self.parent, self.created_at, self.content_type, self.is_deleted,
                batch_stamp(self.batch))


class _Builder:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.posts: list[Post] = []
        self.serial = 0
        self.planted: dict[str, list[str]] = {}

    def created(self, batch: int) -> datetime:
        """A moment during the day before `batch` lands."""
        return batch_stamp(batch) - timedelta(hours=6) - timedelta(seconds=self.rng.randint(60, 80_000))

    def user(self) -> str:
        return f"S{self.rng.randint(1, 27):03d}"

    def add(self, post_id: str, creator: str, parent: str | None, batch: int, case: str | None = None,
            created_at: datetime | None = None) -> Post:
        post = Post(post_id, creator, parent, created_at or self.created(batch), self.rng.choice(CONTENT_TYPES),
                    False, batch)
        self.posts.append(post)
        if case:
            self.planted.setdefault(case, []).append(post_id)
        return post

    def share_tree(self, root: Post, shares: int, max_depth: int) -> None:
        """Random shares below `root`, each created after its parent and landing no earlier."""
        members = [(root, 0)]
        for _ in range(shares):
            parent, depth = self.rng.choice([m for m in members if m[1] < max_depth])
            self.serial += 1
            batch = min(BATCHES - 1, parent.batch + self.rng.choice([0, 0, 0, 1]))
            created = max(parent.created_at + timedelta(minutes=1), self.created(batch))
            if created >= batch_stamp(batch):
                created = parent.created_at + timedelta(seconds=30)
            post = self.add(f"P{self.serial:04d}", self.user(), parent.post_id, batch, created_at=created)
            members.append((post, depth + 1))


def _posts(b: _Builder) -> list[Post]:
    originals = []
    for n in range(1, 13):
        batch = (n - 1) % 3
        originals.append(b.add(f"O{n:02d}", b.user(), None, batch, "original"))
    viral = originals[0]
    b.share_tree(viral, 150, 7)
    for original in originals[1:]:
        b.share_tree(original, b.rng.randint(0, 12), 4)
    # internal accounts share in the middle of the viral chain; real users share below them
    mid = next(p for p in b.posts if p.parent == viral.post_id and p.batch == 0)
    inner = b.add("I01", INTERNAL_USERS[0], mid.post_id, 1, "internal_share")
    b.add("I02", "S003", inner.post_id, 1, "below_internal_share")
    b.add("I03", "S004", "I02", 2, "below_internal_share")
    b.add("I04", INTERNAL_USERS[1], viral.post_id, 2, "internal_share")
    # shares that land before their parent, with a descendant; the parent lands two batches later
    b.add("L02", "S005", "L01", 1, "landed_before_parent")
    b.add("L03", "S006", "L02", 1, "landed_before_parent")
    b.add("L01", "S007", "O03", 3, "late_parent", created_at=b.created(0))
    # an orphan whose parent never lands, with a child
    b.add("M01", "S008", "P_GONE", 2, "orphan")
    b.add("M02", "S009", "M01", 3, "orphan")
    # cycles: a pair, a self-share, a post below a cycle, and a cycle closed by a late arrival
    b.add("C01", "S010", "C02", 2, "cycle")
    b.add("C02", "S011", "C01", 2, "cycle")
    b.add("C03", "S012", "C01", 3, "below_cycle")
    b.add("C04", "S013", "C04", 3, "cycle")
    b.add("K01", "S014", "K02", 1, "cycle_formed_late")
    b.add("K03", "S015", "K01", 1, "cycle_formed_late")
    b.add("K02", "S016", "K01", 4, "cycle_formed_late")
    # a share by the user missing from every export
    b.add("U01", UNEXPORTED_USER, viral.post_id, 2, "unexported_creator")
    # deletions: a newer row repeating the post with is_deleted = true
    parents = {p.parent for p in b.posts}
    deleted_share = next(p for p in b.posts
                         if p.parent is not None and p.parent.startswith("P") and p.post_id in parents and p.batch <= 2)
    rows = list(b.posts)
    rows.append(replace(deleted_share, is_deleted=True, batch=4))
    deleted_original = originals[4]
    rows.append(replace(deleted_original, is_deleted=True, batch=5))
    b.planted["deleted"] = [str(deleted_share.post_id), str(deleted_original.post_id)]
    # replays: the same row again, in the same batch and in a later one
    rows.append(rows[3])
    rows.append(replace(rows[7], batch=rows[7].batch + 1))
    b.planted["replayed_post"] = [str(rows[3].post_id), str(rows[7].post_id)]
    # bad rows: quarantined
    rows.append(Post(None, "S001", None, b.created(1), "video", False, 1))
    rows.append(Post("B01", "S002", None, batch_stamp(2) + timedelta(hours=3), "video", False, 2))  # future
    rows.append(Post("B02", None, None, b.created(2), "image", False, 2))  # no creator
    return rows


def _events(b: _Builder, posts: list[Post]) -> list[tuple[Value, ...]]:
    rng = b.rng
    rows: list[tuple[Value, ...]] = []
    serial = 0
    good_posts = [p for p in posts if p.post_id and p.creator and not p.is_deleted and p.post_id != "B01"]
    seen: dict[str | None, Post] = {}
    for post in good_posts:
        seen.setdefault(post.post_id, post)
    for post in seen.values():
        for _ in range(rng.randint(0, 8 if post.post_id != "O01" else 40)):
            serial += 1
            kind = rng.choices(ENGAGEMENT_TYPES, weights=(50, 20, 10, 5, 5))[0]
            when = post.created_at + timedelta(minutes=rng.randint(1, 600))
            batch = next((k for k in range(post.batch, BATCHES) if batch_stamp(k) > when), BATCHES - 1)
            if when >= batch_stamp(batch):
                when = batch_stamp(batch) - timedelta(minutes=1)
            user = rng.choice([b.user(), b.user(), b.user(), *INTERNAL_USERS, UNEXPORTED_USER])
            seconds = round(rng.uniform(0.5, 90.0), 2) if kind == "view" else None
            rows.append((f"V{serial:05d}", user, post.post_id, kind, when, f"sess-{user}-{when:%d%H}",
                         rng.choice(PLATFORMS), seconds, batch_stamp(batch)))
    # events on L01 land before L01 does: quarantined as unknown_post until batch 3
    for _ in range(3):
        serial += 1
        rows.append((f"V{serial:05d}", "S020", "L01", "reaction", b.created(1), "sess-early", "ios", None,
                     batch_stamp(1)))
        b.planted.setdefault("event_before_post", []).append(f"V{serial:05d}")
    # replays
    rows.append(rows[0])
    rows.append((*rows[5][:8], batch_stamp(BATCHES - 1)))
    # bad rows
    when = b.created(2)
    rows += [
        (None, "S001", "O01", "view", when, "s", "web", 3.0, batch_stamp(2)),
        ("VBAD1", "S001", "O01", "like", when, "s", "web", None, batch_stamp(2)),
        ("VBAD2", "S001", "O01", "view", when, "s", "web", -4.0, batch_stamp(2)),
        ("VBAD3", "S001", "O01", "view", batch_stamp(2) + timedelta(days=2), "s", "web", 1.0, batch_stamp(2)),
        ("VBAD4", "S001", "P_NEVER", "reaction", when, "s", "web", None, batch_stamp(2)),  # post never lands
    ]
    return rows


def _users(rng: random.Random) -> list[tuple[Value, ...]]:
    rows: list[tuple[Value, ...]] = []
    for batch in range(BATCHES):
        export = batch_stamp(batch).date()
        for n in range(1, 30):
            uid = f"S{n:03d}"
            internal = uid in INTERNAL_USERS
            country = "SE" if uid == "S005" and batch >= 3 else ["US", "GB", "DE", "FR", "BR"][n % 5]
            rows.append((uid, f"user_{n:03d}", datetime(2025, 1, 1) + timedelta(days=n * 7),
                         "employee" if internal else "creator" if n % 4 == 0 else "viewer", internal,
                         country, export, batch_stamp(batch)))
    rows.append((None, "ghost", datetime(2025, 5, 1), "viewer", False, "US", batch_stamp(1).date(), batch_stamp(1)))
    rows.append(rows[4])  # an exact replay
    return rows


def generate(out_dir: Path, seed: int = 42) -> Generated:
    """Write the three raw tables under out_dir/social."""
    rng = random.Random(seed)
    builder = _Builder(rng)
    posts = _posts(builder)
    events = _events(builder, posts)
    users = _users(rng)
    target = out_dir / DOMAIN
    posts.sort(key=lambda p: (p.batch, str(p.post_id), p.is_deleted))
    events.sort(key=lambda r: (str(r[8]), str(r[0])))
    counts = {
        "raw_posts": write_table(target / "raw_posts.csv", POST_COLUMNS, (p.row() for p in posts)),
        "raw_engagement_events": write_table(target / "raw_engagement_events.csv", EVENT_COLUMNS, events),
        "raw_social_users": write_table(target / "raw_social_users.csv", USER_COLUMNS, users),
    }
    return Generated(counts=counts, planted=builder.planted)
