"""Company activity under the replay: the history of the CRM is where one build per batch and one
build over every export differ (the snapshot sees the latest export at each build), so that is
proven here, with what the replay really exercised."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import differences, rows

FACT = "company_activity.fact_company_activity"
# the fact's measures do not depend on the CRM history, so replay and one build agree on them
MEASURES = ("company_id, activity_date, active_users, events, active_users_7d, is_churn_risk, events_per_user, "
            "_events_loaded_at")


def test_replay_and_one_build_agree_on_the_facts_measures(full_build: Path, replayed: Path) -> None:
    total, only_full, only_replay = differences(full_build, replayed, FACT, MEASURES)
    assert total > 0 and (only_full, only_replay) == (0, 0)


def test_replay_exercises_corrections_and_late_rows(replayed: Path) -> None:
    """The replay really did move events between days (else the equivalence proves little)."""
    moved = rows(replayed, "select count(*) from (select event_id from "
                           "staging.stg_company_activity__product_event_days group by all having count(*) > 1)")[0][0]
    assert int(moved) >= 50  # type: ignore[call-overload]


SNAPSHOT_HISTORY = """
    select company_id, company_name, country, industry_tag, last_contact_at, is_deleted,
           dbt_valid_from as valid_from, dbt_valid_to as valid_to
    from snapshots.snap_company_activity__crm_companies
"""
OBSERVED_HISTORY = """
    select company_id, company_name, country, industry_tag, last_contact_at, is_deleted, valid_from,
           lead(valid_from) over (partition by company_id order by valid_from) as valid_to
    from intermediate.int_company_activity__crm_companies_observed
"""


@pytest.mark.parametrize("build", ["full_build", "replayed"])
def test_the_append_only_history_equals_the_snapshot(build: str, request: pytest.FixtureRequest) -> None:
    """What Spark builds dim_companies from (the observed versions, appends only) equals the dbt
    snapshot on DuckDB, whatever the cadence: one build over every export, or one per batch."""
    warehouse = request.getfixturevalue(build)
    snapshot = rows(warehouse, f"select * from ({SNAPSHOT_HISTORY}) order by all")
    observed = rows(warehouse, f"select * from ({OBSERVED_HISTORY}) order by all")
    assert len(snapshot) > 40 and observed == snapshot
