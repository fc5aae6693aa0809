"""The social scale set and the share-chain benchmark, at a tiny scale (no timings asserted)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from bench.social_share_chains import run
from dwh.generators.social_scale import Scale, add_increment, generate_base


def digest(warehouse: Path) -> list[tuple[object, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select count(*), count(distinct post_id), sum(hash(post_id, parent_post_id)) from raw.raw_posts"
        ).fetchall()


def test_scale_generator_is_deterministic_and_shaped(tmp_path: Path) -> None:
    scale = Scale.of(0.001)
    for name in ("a", "b"):
        with duckdb.connect(str(tmp_path / f"{name}.duckdb")) as con:
            generate_base(con, scale)
            add_increment(con, scale)
    assert digest(tmp_path / "a.duckdb") == digest(tmp_path / "b.duckdb")
    with duckdb.connect(str(tmp_path / "a.duckdb"), read_only=True) as con:
        posts, distinct, deep = con.execute(
            "select count(*), count(distinct post_id), count(*) filter (where post_id like 'd%') "
            "from raw.raw_posts").fetchall()[0]
        viral = con.execute("select count(*) from raw.raw_posts where post_id like 'v%' and post_id != 'v0' "
                            "and post_id not like 'vn%'").fetchall()[0][0]
    assert posts == distinct == scale.posts + scale.posts // 100
    assert viral == scale.viral_shares and deep > scale.deep_chain


def test_benchmark_runs_and_its_answers_agree(tmp_path: Path) -> None:
    result = run(0.002, tmp_path)
    assert result["checks"] == {
        "incremental_rows_differing_from_full_refresh": 0,
        "plain_recursive_rows_not_in_dim_posts": 0,
        "dim_posts_ok_rows_not_in_plain_recursive": 0,
    }
    assert result["posts"] == Scale.of(0.002).posts + result["posts_added_by_increment"]  # type: ignore[operator]
    assert result["deepest_chain"] >= Scale.of(0.002).deep_chain  # type: ignore[operator]
