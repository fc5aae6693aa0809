"""The social domain's hand-made quarantine cases (pytests/test_quarantine_rules.py): for each raw
table, one good row (reason None) and one row per quarantine rule that breaks exactly that rule,
in the input contract's column order; and where each table's good row must arrive."""

from __future__ import annotations

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
