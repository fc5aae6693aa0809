"""Hand-made share chains loaded straight into `raw` in two batches, resolved as the social contract says."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import assert_equals_full_refresh, built_batch_by_batch, differences, load_and_build, rows

DOMAIN = "social"
INCREMENTAL_TABLES = ["social.dim_posts", "staging.stg_social__posts", "social.fact_post_virality"]

BATCH_1 = """
insert into raw.raw_social_users values
    ('u1', 'ann', '2025-01-01', 'creator', false, 'GB', '2026-04-01', '2026-04-01 06:00'),
    ('u2', 'bob', '2025-01-01', 'viewer', false, 'SE', '2026-04-01', '2026-04-01 06:00'),
    ('ui', 'staff', '2025-01-01', 'employee', true, 'US', '2026-04-01', '2026-04-01 06:00');
insert into raw.raw_posts values
    ('r1', 'u1', null, '2026-03-31 08:00', 'video', false, '2026-04-01 06:00'),
    ('s1', 'u2', 'r1', '2026-03-31 09:00', 'video', false, '2026-04-01 06:00'),
    ('s2', 'ui', 's1', '2026-03-31 10:00', 'video', false, '2026-04-01 06:00'),  -- internal share
    ('s3', 'u2', 's2', '2026-03-31 11:00', 'video', false, '2026-04-01 06:00'),  -- below it: counts
    ('x2', 'u2', 'x1', '2026-03-31 12:00', 'video', false, '2026-04-01 06:00'),  -- before its parent
    ('x3', 'u1', 'x2', '2026-03-31 13:00', 'video', false, '2026-04-01 06:00'),
    ('y1', 'u2', 'nope', '2026-03-31 13:00', 'video', false, '2026-04-01 06:00'),  -- parent never lands
    ('w1', 'u2', 'w2', '2026-03-31 14:00', 'video', false, '2026-04-01 06:00');  -- a cycle, half landed
insert into raw.raw_engagement_events values
    ('e1', 'u2', 'r1', 'reaction', '2026-03-31 08:30', 'a', 'ios', null, '2026-04-01 06:00'),
    ('e2', 'u1', 's1', 'view', '2026-03-31 09:30', 'b', 'web', 12.5, '2026-04-01 06:00'),
    ('e3', 'ui', 'r1', 'comment', '2026-03-31 09:40', 'c', 'web', null, '2026-04-01 06:00'),  -- internal
    ('e4', 'u2', 'x1', 'reaction', '2026-03-31 12:30', 'd', 'ios', null, '2026-04-01 06:00'),  -- post not yet
    ('e5', 'u2', 's3', 'view', '2026-03-31 12:40', 'e', 'ios', 3.0, '2026-04-01 06:00');
"""

BATCH_2 = """
insert into raw.raw_posts values
    ('x1', 'u1', 'r1', '2026-03-31 11:30', 'video', false, '2026-04-02 06:00'),  -- the missing parent
    ('w2', 'u1', 'w1', '2026-04-01 09:00', 'video', false, '2026-04-02 06:00'),  -- closes the cycle
    ('s1', 'u2', 'r1', '2026-03-31 09:00', 'video', true, '2026-04-02 06:00'),   -- s1 deleted
    ('s4', 'u1', 's3', '2026-04-01 10:00', 'image', false, '2026-04-02 06:00');  -- a new share
insert into raw.raw_engagement_events values
    ('e1', 'u2', 'r1', 'reaction', '2026-03-31 08:30', 'a', 'ios', null, '2026-04-02 06:00');  -- replay
"""

BATCH_3 = """
insert into raw.raw_posts values
    ('x2', 'u2', 's4', '2026-03-31 12:00', 'video', false, '2026-04-03 06:00'),  -- parent corrected
    ('s3', 'u2', 's2', '2026-04-05 11:00', 'video', false, '2026-04-03 06:00');  -- re-sent broken
"""


@pytest.fixture(scope="module")
def two_batches(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    after = built_batch_by_batch(tmp_path_factory.mktemp("social_loader"), DOMAIN, BATCH_1, BATCH_2, BATCH_3)
    return {"first": after[1], "second": after[2], "third": after[3]}


def chains(warehouse: Path) -> dict[str, tuple[object, ...]]:
    return {str(r[0]): r[1:] for r in rows(warehouse, "select post_id, original_post_id, share_depth_level, "
                                                      "share_path, chain_status, is_deleted from social.dim_posts")}


def test_first_batch(two_batches: dict[str, Path]) -> None:
    first = chains(two_batches["first"])
    assert first == {
        "r1": ("r1", 0, "r1", "ok", False),
        "s1": ("r1", 1, "r1/s1", "ok", False),
        "s2": ("r1", 2, "r1/s1/s2", "ok", False),
        "s3": ("r1", 3, "r1/s1/s2/s3", "ok", False),
        "x2": ("x2", 0, "x2", "orphaned", False),  # its own root until x1 lands
        "x3": ("x2", 1, "x2/x3", "orphaned", False),
        "y1": ("y1", 0, "y1", "orphaned", False),
        "w1": ("w1", 0, "w1", "orphaned", False),
    }
    waiting = rows(two_batches["first"], "select record_key, reason from staging.social_quarantine")
    assert waiting == [("e4", "unknown_post")]


def test_second_batch(two_batches: dict[str, Path]) -> None:
    second = chains(two_batches["second"])
    assert second == {
        "r1": ("r1", 0, "r1", "ok", False),
        "s1": ("r1", 1, "r1/s1", "ok", True),  # deleted: keeps its place
        "s2": ("r1", 2, "r1/s1/s2", "ok", False),
        "s3": ("r1", 3, "r1/s1/s2/s3", "ok", False),
        "s4": ("r1", 4, "r1/s1/s2/s3/s4", "ok", False),  # takes its parent's chain
        "x1": ("r1", 1, "r1/x1", "ok", False),
        "x2": ("r1", 2, "r1/x1/x2", "ok", False),  # re-rooted with its descendant
        "x3": ("r1", 3, "r1/x1/x2/x3", "ok", False),
        "y1": ("y1", 0, "y1", "orphaned", False),
        "w1": (None, None, None, "cycle", False),
        "w2": (None, None, None, "cycle", False),
    }
    assert rows(two_batches["second"], "select count(*) from staging.social_quarantine") == [(0,)]


def test_third_batch_corrects_a_parent_and_breaks_a_post(two_batches: dict[str, Path], tmp_path: Path) -> None:
    """x2 moves under s4 (with x3 below it); s3 is re-sent with a timestamp after its load, so it
    leaves (quarantined) and s4's chain is orphaned below the missing s3."""
    third = chains(two_batches["third"])
    assert {k: third[k] for k in ("s2", "s4", "x1", "x2", "x3")} == {
        "s2": ("r1", 2, "r1/s1/s2", "ok", False),
        "s4": ("s4", 0, "s4", "orphaned", False),
        "x1": ("r1", 1, "r1/x1", "ok", False),
        "x2": ("s4", 1, "s4/x2", "orphaned", False),
        "x3": ("s4", 2, "s4/x2/x3", "orphaned", False),
    }
    assert "s3" not in third
    quarantined = rows(two_batches["third"], "select record_key, reason from staging.social_quarantine order by 1")
    assert quarantined == [("e5", "unknown_post"), ("s3", "created_after_load")]
    assert_equals_full_refresh(two_batches["third"], DOMAIN, INCREMENTAL_TABLES, tmp_path)


def test_virality_and_levels(two_batches: dict[str, Path]) -> None:
    virality = rows(two_batches["second"], "select * from social.fact_post_virality")
    # shares s1, s3, s4, x1, x2, x3 (s2 is an internal account's); e3 is internal; e4 now counts
    assert virality == [("r1", "u1", virality[0][2], 6, 4, 2, 1, 0, 1, 2, 1.0)]
    levels = rows(two_batches["second"], "select share_depth_level, shares from social.fact_share_levels order by 1")
    assert levels == [(1, 2), (2, 1), (3, 2), (4, 1)]
    events = rows(two_batches["second"], "select count(*), count(*) filter (where is_internal_user) "
                                         "from social.fact_engagement_events")
    assert events == [(5, 1)]


def test_incremental_equals_full_refresh(two_batches: dict[str, Path], tmp_path: Path) -> None:
    assert_equals_full_refresh(two_batches["second"], DOMAIN, INCREMENTAL_TABLES, tmp_path)


# The second batch again, landing in two parts under the same stamp.
BATCH_2_PART_1 = """
insert into raw.raw_posts values
    ('x1', 'u1', 'r1', '2026-03-31 11:30', 'video', false, '2026-04-02 06:00'),
    ('w2', 'u1', 'w1', '2026-04-01 09:00', 'video', false, '2026-04-02 06:00');
"""
BATCH_2_PART_2 = """
insert into raw.raw_posts values
    ('s1', 'u2', 'r1', '2026-03-31 09:00', 'video', true, '2026-04-02 06:00'),
    ('s4', 'u1', 's3', '2026-04-01 10:00', 'image', false, '2026-04-02 06:00');
insert into raw.raw_engagement_events values
    ('e1', 'u2', 'r1', 'reaction', '2026-03-31 08:30', 'a', 'ios', null, '2026-04-02 06:00');
"""


def test_a_batch_landing_in_parts_under_one_stamp(two_batches: dict[str, Path], tmp_path: Path) -> None:
    """The second batch lands in two parts with the same `_loaded_at`, with a build after each
    part: the result is the same as when it landed whole."""
    warehouse = tmp_path / "warehouse.duckdb"
    warehouse.write_bytes(two_batches["first"].read_bytes())
    for part in (BATCH_2_PART_1, BATCH_2_PART_2):
        load_and_build(warehouse, DOMAIN, part)
    assert chains(warehouse) == chains(two_batches["second"])
    for table in INCREMENTAL_TABLES:
        assert differences(two_batches["second"], warehouse, table)[1:] == (0, 0), table
