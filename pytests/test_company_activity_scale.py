"""The company-activity scale set has the sample's trouble, and seed 002's naive query really is
wrong on it (what the benchmark reports beside the fact)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dwh.dbt import run_dbt
from dwh.generators.company_activity_scale import NAIVE_DIFFERENCES, CompanyScale
from dwh.generators.company_activity_scale import add_increment as add_companies_day
from dwh.generators.company_activity_scale import generate_base as generate_companies
from dwh.registry import build_selection


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


def test_the_naive_query_is_wrong_on_the_scale_data(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        generate_companies(con, CompanyScale.of(0.01), 42)
    run_dbt(["seed", "--select", "path:seeds/reference"], warehouse)
    run_dbt(["build", "--select", *build_selection("company_activity"), "--exclude-resource-type", "test",
             "unit_test", "seed"], warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute(NAIVE_DIFFERENCES)
        naive = dict(zip([c[0] for c in cursor.description], cursor.fetchall()[0], strict=True))
    assert 0 < naive["rows_differing_in_7_day_users_or_churn"] <= naive["fact_rows"]
    assert naive["fact_rows_the_naive_query_lacks"] > 0  # the zero days it never emits
