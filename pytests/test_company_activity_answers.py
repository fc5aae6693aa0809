"""The marts' answers on the sample data, checked against an independent Python reference."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from . import reference_company_activity as ref
from .conftest import PROJECT_DIR, SEED_DIR, rows

DOMAIN_SEEDS = SEED_DIR / "company_activity"


@pytest.fixture(scope="module")
def countries() -> set[str]:
    return {str(r["country_code"]) for r in ref.read_csv(PROJECT_DIR / "seeds" / "reference" / "iso_country_codes.csv")}


@pytest.fixture(scope="module")
def crm_batches() -> list[list[ref.Row]]:
    by_stamp: dict[str, list[ref.Row]] = defaultdict(list)
    for row in ref.read_csv(DOMAIN_SEEDS / "raw_crm_companies.csv"):
        by_stamp[str(row["_loaded_at"])].append(row)
    return [by_stamp[k] for k in sorted(by_stamp)]


@pytest.fixture(scope="module")
def replay_versions(crm_batches: list[list[ref.Row]], countries: set[str]) -> list[ref.Version]:
    return ref.snapshot_history(crm_batches, countries)


@pytest.fixture(scope="module")
def one_shot_versions(crm_batches: list[list[ref.Row]], countries: set[str]) -> list[ref.Version]:
    return ref.snapshot_history([[r for batch in crm_batches for r in batch]], countries)


def fact_rows(warehouse: Path) -> dict[tuple[str, date], dict[str, object]]:
    result = {}
    for r in rows(warehouse, """
        select company_id, activity_date, events, active_users, active_users_7d, is_churn_risk,
               events_per_user, company_name, country, days_since_last_contact
        from company_activity.fact_company_activity"""):
        result[(str(r[0]), r[1])] = dict(zip(
            ["events", "active_users", "active_users_7d", "is_churn_risk", "events_per_user", "company_name",
             "country", "days_since_last_contact"], r[2:], strict=True))
    return result  # type: ignore[return-value]


def assert_fact_matches(actual: dict[tuple[str, date], dict[str, object]], expected: ref.Expected) -> None:
    assert set(actual) == set(expected.fact), "fact grain differs from the reference"
    for key, want in expected.fact.items():
        got = actual[key]
        for column, value in want.items():
            if column == "events_per_user" and value is not None:
                assert math.isclose(float(got[column]), float(value)), (key, column)  # type: ignore[arg-type]
            else:
                assert got[column] == value, (key, column, got[column], value)


def test_fact_matches_reference_after_one_shot_build(full_build: Path, countries: set[str],
                                                     one_shot_versions: list[ref.Version]) -> None:
    expected = ref.expected(DOMAIN_SEEDS, countries, one_shot_versions)
    assert_fact_matches(fact_rows(full_build), expected)


def test_fact_matches_reference_after_replay(replayed: Path, countries: set[str],
                                             replay_versions: list[ref.Version]) -> None:
    expected = ref.expected(DOMAIN_SEEDS, countries, replay_versions)
    assert_fact_matches(fact_rows(replayed), expected)


def test_fact_shape_on_sample(full_build: Path) -> None:
    """The sample is big enough to mean something: 40+ companies, 60+ days, churn risk present."""
    companies, days, churn, zero_days = rows(full_build, """
        select count(distinct company_id), count(distinct activity_date), count(*) filter (where is_churn_risk),
               count(*) filter (where events = 0)
        from company_activity.fact_company_activity""")[0]
    assert companies >= 40 and days >= 60 and churn > 0 and zero_days > 0  # type: ignore[operator]


def test_dim_companies_history_after_replay(replayed: Path, replay_versions: list[ref.Version]) -> None:
    actual = {(str(r[0]), r[1].date()): (r[2], r[3], r[4], r[5])  # type: ignore[union-attr]
              for r in rows(replayed, "select company_id, valid_from, valid_to, company_name, country, is_current "
                                      "from company_activity.dim_companies")}
    want = {(v.company_id, v.valid_from): (v.valid_to, v.attributes[0], v.attributes[1], v.valid_to is None)
            for v in replay_versions}
    assert {k: (v[0].date() if v[0] else None, *v[1:]) for k, v in actual.items()} == want  # type: ignore[union-attr]
    # the story behind it: one company deleted, several with changed attributes, none versioned twice on a date
    deleted = rows(replayed, "select company_id from company_activity.dim_companies group by 1 "
                             "having not bool_or(is_current)")
    assert [r[0] for r in deleted] == ["C007"]
    changed = rows(replayed, "select count(*) from (select company_id from company_activity.dim_companies "
                             "group by 1 having count(*) > 1)")[0][0]
    assert int(changed) >= 5  # type: ignore[call-overload]


def test_unchanged_export_adds_no_version(replayed: Path) -> None:
    """Ten weekly exports, but a company whose attributes never change has a single version."""
    steady = rows(replayed, "select count(*) from (select company_id from company_activity.dim_companies "
                            "group by 1 having count(*) = 1 and bool_and(is_current))")[0][0]
    assert int(steady) >= 5  # type: ignore[call-overload]


def test_fact_attributes_are_point_in_time(replayed: Path) -> None:
    """A deleted company's days after its deletion have null attributes; before it, its name."""
    deleted_on = rows(replayed, "select max(valid_to) from company_activity.dim_companies where company_id = 'C007'")
    cutoff = deleted_on[0][0]
    assert isinstance(cutoff, datetime)
    after, before = rows(replayed, """
        select count(*) filter (where activity_date >= ? and company_name is not null),
               count(*) filter (where activity_date < ? and company_name is null)
        from company_activity.fact_company_activity where company_id = 'C007'""", [cutoff.date(), cutoff.date()])[0]
    assert (after, before) == (0, 0)
    never_in_crm = rows(replayed, "select count(*), count(company_name) from company_activity.fact_company_activity "
                                  "where company_id = 'C046'")[0]
    assert never_in_crm[0] > 0 and never_in_crm[1] == 0  # type: ignore[operator]


def test_quarantine_matches_reference(full_build: Path, countries: set[str],
                                      one_shot_versions: list[ref.Version]) -> None:
    expected = ref.expected(DOMAIN_SEEDS, countries, one_shot_versions)
    actual = {(str(r[0]), str(r[1])): int(r[2])  # type: ignore[call-overload]
              for r in rows(full_build, "select source_table, reason, count(*) from "
                                        "staging.company_activity_quarantine group by all")}
    assert actual == expected.quarantine
    # every kind of bad row the issue names is there
    reasons = {reason for _, reason in actual}
    assert {"null_event_id", "null_company_id", "unknown_country", "occurred_after_load"} <= reasons


def test_reconciliation_matches_reference(full_build: Path, countries: set[str],
                                          one_shot_versions: list[ref.Version]) -> None:
    expected = ref.expected(DOMAIN_SEEDS, countries, one_shot_versions)
    actual = {(str(r[0]), r[1]): str(r[2]) for r in rows(
        full_build, "select company_id, activity_date, status from company_activity.company_activity_reconciliation")}
    assert actual == expected.reconciliation
    statuses = set(actual.values())
    assert statuses == {"match", "mismatch", "missing_in_warehouse", "missing_in_api"}


def test_reconciliation_warning_stores_failures(full_build: Path) -> None:
    stored = rows(full_build, "select count(*) from audit.company_activity_reconciliation_disagreements")[0][0]
    not_matching = rows(full_build, "select count(*) from company_activity.company_activity_reconciliation "
                                    "where status != 'match'")[0][0]
    assert stored == not_matching and int(stored) > 0  # type: ignore[call-overload]


def test_daily_aggregate_matches_reference(full_build: Path, countries: set[str],
                                           one_shot_versions: list[ref.Version]) -> None:
    expected = ref.expected(DOMAIN_SEEDS, countries, one_shot_versions)
    actual = {(str(r[0]), r[1]): (int(r[2]), int(r[3]))  # type: ignore[call-overload]
              for r in rows(full_build, "select company_id, activity_date, events, active_users "
                                        "from company_activity.agg_company_daily_events")}
    assert actual == expected.daily
