"""The social marts on the sample data, against an independent Python reference."""

from __future__ import annotations

import math
import os
from pathlib import Path

import duckdb
import pytest

from dwh.dbt import run_dbt

from . import reference_social as ref
from .conftest import SEED_DIR, rows


@pytest.fixture(scope="module")
def expected() -> ref.Expected:
    return ref.expected(SEED_DIR / "social")


@pytest.fixture(params=["full_build", "replayed"])
def warehouse(request: pytest.FixtureRequest) -> Path:
    return Path(request.getfixturevalue(request.param))


def test_dim_posts_matches_reference(warehouse: Path, expected: ref.Expected) -> None:
    actual = {str(r[0]): ref.Chain(r[1], r[2], r[3], str(r[4])) for r in rows(  # type: ignore[arg-type]
        warehouse, "select post_id, original_post_id, share_depth_level, share_path, chain_status "
                   "from social.dim_posts")}
    assert actual == expected.chains


def test_every_chain_case_is_in_the_sample(full_build: Path) -> None:
    statuses = dict(rows(full_build, "select post_id, chain_status from social.dim_posts"))
    assert statuses["L03"] == "ok"  # landed before its parent, resolved later
    assert statuses["M02"] == "orphaned"
    assert {statuses[p] for p in ("C01", "C02", "C03", "C04", "K01", "K02", "K03")} == {"cycle"}
    deepest = rows(full_build, "select max(share_depth_level) from social.dim_posts")[0][0]
    assert int(deepest) >= 6  # type: ignore[call-overload]
    deleted = rows(full_build, "select count(*) from social.dim_posts p join social.dim_posts c "
                               "on c.parent_post_id = p.post_id where p.is_deleted and c.chain_status = 'ok'")
    assert int(deleted[0][0]) > 0  # type: ignore[call-overload]  # children resolve through a deleted share


def test_engagement_events_match_reference(warehouse: Path, expected: ref.Expected) -> None:
    actual = {str(r[0]): (r[1], r[2]) for r in rows(
        warehouse, "select event_id, post_id, is_internal_user from social.fact_engagement_events")}
    assert set(actual) == set(expected.events)
    for event_id, (post_id, internal) in actual.items():
        assert post_id == expected.events[event_id]["post_id"]
        assert internal == (expected.events[event_id]["user_id"] in expected.internal)


def test_virality_matches_reference(warehouse: Path, expected: ref.Expected) -> None:
    columns = ["total_shares", "max_share_depth", "unique_sharers", "direct_engagements", "direct_views",
               "indirect_engagements", "indirect_views", "share_uplift"]
    actual = {str(r[0]): dict(zip(columns, r[1:], strict=True)) for r in rows(
        warehouse, f"select original_post_id, {', '.join(columns)} from social.fact_post_virality")}
    assert set(actual) == set(expected.virality)
    for post, want in expected.virality.items():
        for column, value in want.items():
            got = actual[post][column]
            if column == "share_uplift" and value is not None:
                assert math.isclose(float(got), float(value)), (post, column)  # type: ignore[arg-type]
            else:
                assert got == value, (post, column, got, value)


def test_share_levels_match_reference(warehouse: Path, expected: ref.Expected) -> None:
    actual = {(str(r[0]), int(r[1])): int(r[2]) for r in rows(  # type: ignore[call-overload]
        warehouse, "select original_post_id, share_depth_level, shares from social.fact_share_levels")}
    assert actual == expected.share_levels


def test_internal_users_count_nowhere(full_build: Path, expected: ref.Expected) -> None:
    """I01 is an internal share in O01's chain: it and its events are not counted, the shares below it are."""
    assert expected.internal  # the sample has internal accounts
    viral = expected.virality["O01"]
    all_shares = sum(1 for c in expected.chains.values() if c.original_post_id == "O01" and c.share_depth_level)
    assert viral["total_shares"] == all_shares - 2  # I01 and I04 are internal accounts' shares
    chain = dict(rows(full_build, "select post_id, share_path from social.dim_posts where post_id = 'I03'"))
    assert "I01" in str(chain["I03"])


def test_quarantine_matches_reference(full_build: Path, expected: ref.Expected) -> None:
    actual = {(str(r[0]), str(r[1])): int(r[2]) for r in rows(  # type: ignore[call-overload]
        full_build, "select source_table, reason, count(*) from staging.social_quarantine group by all")}
    assert actual == expected.quarantine
    assert ("raw_engagement_events", "unknown_post") in actual


def test_analyses_answer_the_seed_questions(full_build: Path, expected: ref.Expected) -> None:
    run_dbt(["compile", "--select", "path:analyses/social", "--vars",
             "{original_post_id: O01, post_id: I03, creation_date: '2026-03-02'}"], full_build)
    folder = Path(os.environ["DBT_TARGET_PATH"]) / "compiled" / "warehouse" / "analyses" / "social"

    def run(name: str) -> list[tuple[object, ...]]:
        with duckdb.connect(str(full_build), read_only=True) as con:
            return con.execute((folder / f"{name}.sql").read_text()).fetchall()

    o01 = [c for c in expected.chains.values() if c.original_post_id == "O01" and c.share_depth_level]
    assert run("total_shares_for_original") == [("O01", len(o01))]
    per_depth = run("shares_per_depth")
    assert sum(int(n) for _, n in per_depth) == len(o01)  # type: ignore[call-overload]
    assert [int(d) for d, _ in per_depth] == sorted({int(c.share_depth_level or 0) for c in o01})  # type: ignore[call-overload]
    path = run("share_path_of_post")
    assert path[0][1] == expected.chains["I03"].share_path and path[0][3] == "O01"
    (_day, created, qualifying, percentage), = run("reaction_without_comment_rate")
    assert created > 0 and math.isclose(float(percentage), 100.0 * qualifying / created)  # type: ignore[arg-type,operator]
