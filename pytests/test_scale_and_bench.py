"""The scale generator and the benchmark's machinery, at a tiny scale (no timings asserted:
timings live in bench/, never in tests)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from bench.scale import bench_domain, markdown
from bench.social_share_chains import run
from dwh.cli import main
from dwh.dbt import run_dbt
from dwh.generators.company_activity_scale import CompanyScale
from dwh.generators.company_activity_scale import add_increment as add_companies_day
from dwh.generators.company_activity_scale import generate_base as generate_companies
from dwh.generators.social_scale import Scale, add_increment, generate_base
from dwh.registry import DOMAINS, build_selection
from dwh.scale import SCALE_DOMAINS


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


def company_digest(warehouse: Path) -> list[tuple[object, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select (select count(*) from raw.raw_product_events), "
            "(select sum(hash(event_id, company_id, user_id, event_type, occurred_at, _loaded_at)) "
            " from raw.raw_product_events), "
            "(select count(*) from raw.raw_crm_companies), (select count(*) from raw.raw_product_usage_api)"
        ).fetchall()


def test_company_activity_scale_generator_is_deterministic_and_has_the_samples_trouble(tmp_path: Path) -> None:
    scale = CompanyScale.of(0.02)
    for name in ("a", "b"):
        with duckdb.connect(str(tmp_path / f"{name}.duckdb")) as con:
            generate_companies(con, scale, 7)
            added = add_companies_day(con, scale, 7)
            assert added > 0
    assert company_digest(tmp_path / "a.duckdb") == company_digest(tmp_path / "b.duckdb")
    with duckdb.connect(str(tmp_path / "a.duckdb"), read_only=True) as con:
        replays, late, no_company, no_id, future, days = con.execute("""
            select
                (select count(*) - count(distinct (event_id, event_type, occurred_at, user_id, company_id))
                 from raw.raw_product_events where event_id is not null),
                count(*) filter (where cast(_loaded_at as date) > cast(occurred_at as date) + 1),
                count(*) filter (where company_id is null),
                count(*) filter (where event_id is null),
                count(*) filter (where occurred_at > _loaded_at),
                count(distinct cast(_loaded_at as date))
            from raw.raw_product_events""").fetchall()[0]
        api_repulls = con.execute("select count(*) from (select company_id, date from raw.raw_product_usage_api "
                                  "group by all having count(*) > 1)").fetchall()[0][0]
    assert replays > 0 and late > 0 and no_company > 0 and no_id > 0 and future > 0 and api_repulls > 0
    assert days == scale.days + 1  # 90 daily loads, and the increment's


@pytest.mark.parametrize("domain", ["company_activity", "social"])
def test_scale_benchmark_runs_and_the_daily_run_equals_a_full_refresh(tmp_path: Path, domain: str) -> None:
    result = bench_domain(domain, 0.01, tmp_path, lambda message: None)
    assert result["rows_generated"] > 0 and result["incremental"]["rows_added"] > 0
    assert set(result["incremental"]["rows_differing_from_full_refresh"].values()) == {0}
    assert set(result["marts"]) == set(SCALE_DOMAINS[domain].floors)
    assert all(mart["floor_seconds"] > 0 for mart in result["marts"].values())
    assert set(result["baselines"]) == set(SCALE_DOMAINS[domain].baselines)
    assert all(baseline["seconds"] > 0 for baseline in result["baselines"].values())
    if domain == "company_activity":
        # seed 002's naive query really is wrong on this data, and the benchmark says where
        naive = result["baselines"]["naive"]["findings"]
        assert 0 < naive["rows_differing_in_7_day_users_or_churn"] <= naive["fact_rows"]
        assert naive["fact_rows_the_naive_query_lacks"] > 0  # the zero days it never emits
    assert "| incremental day: model time |" in markdown([result])


def test_generate_scale_cli_writes_then_appends_a_day(tmp_path: Path) -> None:
    assert set(DOMAINS) == set(SCALE_DOMAINS)  # every registered domain has a scale data set
    warehouse = tmp_path / "warehouse.duckdb"
    base = ["generate-scale", "--domain", "company_activity", "--scale", "0.01", "--warehouse", str(warehouse)]
    assert main(base) == 0
    before = company_digest(warehouse)
    assert main([*base, "--increment"]) == 0
    after = company_digest(warehouse)
    assert after[0][0] > before[0][0]  # type: ignore[operator]


@pytest.mark.parametrize("domain", ["rideshare", "delivery"])
def test_rideshare_and_delivery_scale_sets_are_deterministic_and_keep_every_rule(tmp_path: Path, domain: str) -> None:
    """Generated twice, the same rows; built with every data test of the domain (dense sequences,
    batch lifecycles, fares, segments inside their rides, ...), base and increment pass."""
    spec = SCALE_DOMAINS[domain]
    digests = []
    for name in ("a", "b"):
        with duckdb.connect(str(tmp_path / f"{name}.duckdb")) as con:
            spec.generate(con, 0.002, 42)
            assert spec.increment(con, 0.002, 42) > 0
            tables = [t for (t,) in con.execute("select table_name from information_schema.tables "
                                                "where table_schema = 'raw' order by 1").fetchall()]
            digests.append([con.execute(f"select count(*), sum(hash(columns(*))) from raw.{t}").fetchall()
                            for t in tables])
    assert digests[0] == digests[1]
    run_dbt(["build", "--exclude-resource-type", "seed", "--select", *build_selection(domain),
             "--indirect-selection", "cautious"], tmp_path / "a.duckdb")
