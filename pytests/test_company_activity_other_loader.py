"""Raw tables filled by another loader: hand-made rows straight into `raw`, built day by day.

The raw tables are created from the input contract (dwh/contracts.py, read from the sources YAML), not from the
seeds, so the test also proves the contract is all the models need.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from .conftest import assert_equals_full_refresh, differences, load_and_build, new_domain_warehouse, rows

DOMAIN = "company_activity"
INCREMENTAL_TABLES = ["company_activity.agg_company_daily_events", "staging.stg_company_activity__product_events"]

DAY_1 = """
insert into raw.raw_crm_companies values
    ('A', 'Acme', ' gb', 'SaaS', '2026-02-20 10:00', '2026-03-01', '2026-03-01 08:00'),
    ('B', 'Beta', 'de', 'retail', null, '2026-03-01', '2026-03-01 08:00');
insert into raw.raw_product_events values
    ('e1', 'A', 'u1', 'login', '2026-02-27 10:00', '2026-03-01 08:00'),
    ('e2', 'A', 'u2', 'click', '2026-02-28 09:00', '2026-03-01 08:00'),
    ('e3', 'A', 'u1', 'click', '2026-02-28 11:00', '2026-03-01 08:00'),
    ('e4', 'B', 'u9', 'login', '2026-02-28 12:00', '2026-03-01 08:00'),
    ('e5', 'A', 'u1', 'search', '2026-02-28 13:00', '2026-03-01 08:00'),
    ('e5', 'A', 'u1', 'search', '2026-02-28 13:00', '2026-03-01 08:00'),  -- replayed in the same load
    ('e6', 'C', 'u7', 'login', '2026-02-28 14:00', '2026-03-01 08:00'),   -- company never in the CRM
    ('e7', 'A', 'u1', 'login', '2026-03-05 07:00', '2026-03-01 08:00');   -- in the future: quarantined
insert into raw.raw_product_usage_api values
    ('A', '2026-02-25', 2, 3, '2026-03-01 08:00'),
    ('A', '2026-02-26', 0, 0, '2026-03-01 08:00'),
    ('A', '2026-02-27', 1, 1, '2026-03-01 08:00'),
    ('A', '2026-02-28', 2, 4, '2026-03-01 08:00');
"""

DAY_2 = """
insert into raw.raw_crm_companies values
    ('A', 'Acme', 'GB', 'fintech', '2026-02-20 10:00', '2026-03-02', '2026-03-02 08:00');  -- B deleted
insert into raw.raw_product_events values
    ('e8', 'A', 'u3', 'login', '2026-02-10 10:00', '2026-03-02 08:00'),  -- three weeks late
    ('e3', 'A', 'u1', 'click', '2026-03-01 09:00', '2026-03-02 08:00'),  -- corrected: a day later
    ('e2', 'A', null, 'click', '2026-02-28 09:00', '2026-03-02 08:00'),  -- re-sent broken: leaves
    ('e5', 'A', 'u1', 'search', '2026-02-28 13:00', '2026-03-02 08:00'), -- replayed a day later
    ('e7', 'A', 'u1', 'login', '2026-03-01 07:00', '2026-03-02 08:00'),  -- fixed: now it counts
    ('e9', 'B', 'u9', 'login', '2026-03-02 07:00', '2026-03-02 08:00');  -- after B's deletion
"""

DAY_3 = """
insert into raw.raw_crm_companies values
    ('A', 'Acme', 'gb ', 'FinTech', '2026-02-20 10:00', '2026-03-03', '2026-03-03 08:00');  -- no change
"""


@pytest.fixture(scope="module")
def loaded_day_by_day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    warehouse = tmp_path_factory.mktemp("other_loader") / "warehouse.duckdb"
    new_domain_warehouse(warehouse, DOMAIN)
    for day in (DAY_1, DAY_2, DAY_3):
        load_and_build(warehouse, DOMAIN, day)
    return warehouse


def test_daily_aggregate(loaded_day_by_day: Path) -> None:
    actual = rows(loaded_day_by_day, "select company_id, activity_date, events, active_users "
                                     "from company_activity.agg_company_daily_events order by all")
    assert actual == [
        ("A", date(2026, 2, 10), 1, 1),  # the late event
        ("A", date(2026, 2, 27), 1, 1),
        ("A", date(2026, 2, 28), 1, 1),  # e5 only: e2 left, e3 moved, replays counted once
        ("A", date(2026, 3, 1), 2, 1),  # e3 (moved here) and e7 (fixed)
        ("B", date(2026, 2, 28), 1, 1),
        ("B", date(2026, 3, 2), 1, 1),
        ("C", date(2026, 2, 28), 1, 1),
    ]


def test_aggregate_equals_full_refresh(loaded_day_by_day: Path, tmp_path: Path) -> None:
    assert_equals_full_refresh(loaded_day_by_day, DOMAIN, INCREMENTAL_TABLES, tmp_path)


def test_dim_companies_history(loaded_day_by_day: Path) -> None:
    actual = rows(loaded_day_by_day, "select company_id, company_name, country, industry_tag, "
                                     "cast(valid_from as date), cast(valid_to as date), is_current "
                                     "from company_activity.dim_companies order by company_id, valid_from")
    assert actual == [
        ("A", "Acme", "GB", "saas", date(2026, 3, 1), date(2026, 3, 2), False),
        ("A", "Acme", "GB", "fintech", date(2026, 3, 2), None, True),  # the 03-03 export changed nothing
        ("B", "Beta", "DE", "retail", date(2026, 3, 1), date(2026, 3, 2), False),  # deleted on 03-02
    ]


def test_fact_company_activity(loaded_day_by_day: Path) -> None:
    fact = {(r[0], r[1]): r[2:] for r in rows(loaded_day_by_day, """
        select company_id, activity_date, events, active_users, active_users_7d, is_churn_risk,
               events_per_user, industry_tag, company_name, days_since_last_contact
        from company_activity.fact_company_activity""")}
    # A: from its first event (the late one, 02-10) through the as-of date (03-02, B's last event)
    assert sorted(d for c, d in fact if c == "A") == [date(2026, 2, 10) + timedelta(days=i) for i in range(21)]
    assert fact[("A", date(2026, 2, 10))] == (1, 1, 1, False, 1.0, "saas", "Acme", None)  # contact lies after
    assert fact[("A", date(2026, 2, 16))][2] == 1  # u3 still within 7 days
    assert fact[("A", date(2026, 2, 17))][2] == 0
    assert fact[("A", date(2026, 2, 23))][3] is False  # 02-10 is the 14th day back
    assert fact[("A", date(2026, 2, 24))][3] is True  # 14 quiet days
    assert fact[("A", date(2026, 2, 26))] == (0, 0, 0, True, None, "saas", "Acme", 6)
    assert fact[("A", date(2026, 2, 28))][:3] == (1, 1, 1)
    assert fact[("A", date(2026, 3, 1))] == (2, 1, 1, False, 2.0, "saas", "Acme", 9)
    assert fact[("A", date(2026, 3, 2))] == (0, 0, 1, False, None, "fintech", "Acme", 10)
    # B: attributes until its deletion, null after; C never in the CRM
    assert fact[("B", date(2026, 2, 28))][6] == "Beta"
    assert fact[("B", date(2026, 3, 2))][6] is None
    assert fact[("C", date(2026, 2, 28))][5:7] == (None, None)
    assert sum(v[0] for v in fact.values()) == 8  # = the good deduplicated events in staging


def test_quarantine_and_conservation(loaded_day_by_day: Path) -> None:
    quarantined = rows(loaded_day_by_day, "select record_key, reason from staging.company_activity_quarantine")
    assert quarantined == [("e2", "missing_user_id")]  # e7's broken row was superseded by its fix
    raw_rows = rows(loaded_day_by_day, "select count(*) from raw.raw_product_events")[0][0]
    current = rows(loaded_day_by_day, "select count(*) from staging.stg_company_activity__product_events "
                                      "where quarantine_reason is null")[0][0]
    assert (raw_rows, current) == (14, 8)  # 14 = 8 current + 5 superseded + 1 quarantined


def test_reconciliation(loaded_day_by_day: Path) -> None:
    actual = {(r[0], r[1]): r[2] for r in rows(
        loaded_day_by_day,
        "select company_id, activity_date, status from company_activity.company_activity_reconciliation")}
    assert actual[("A", date(2026, 2, 25))] == "missing_in_warehouse"
    assert actual[("A", date(2026, 2, 26))] == "match"  # zeros on both sides
    assert actual[("A", date(2026, 2, 27))] == "match"
    assert actual[("A", date(2026, 2, 28))] == "mismatch"
    assert actual[("C", date(2026, 2, 28))] == "missing_in_api"


def test_a_batch_landing_in_parts_under_one_stamp(loaded_day_by_day: Path, tmp_path: Path) -> None:
    """Day 2 lands in two parts with the same `_loaded_at`, with a build after each part: the
    incremental models end exactly where they do when it lands whole."""
    warehouse = tmp_path / "warehouse.duckdb"
    new_domain_warehouse(warehouse, DOMAIN)
    day_2_rows = DAY_2.split("insert into raw.raw_product_events values")[1].strip().rstrip(";").split("\n")
    rows_only = [line.split("--")[0].strip().rstrip(",") for line in day_2_rows if line.strip()]
    crm_day_2 = DAY_2.split("insert into raw.raw_product_events values")[0]
    parts = [DAY_1, crm_day_2 + "insert into raw.raw_product_events values " + ", ".join(rows_only[:3]) + ";",
             "insert into raw.raw_product_events values " + ", ".join(rows_only[3:]) + ";", DAY_3]
    for part in parts:
        load_and_build(warehouse, DOMAIN, part)
    for table in INCREMENTAL_TABLES:
        assert differences(loaded_day_by_day, warehouse, table)[1:] == (0, 0), table
