"""Incremental models give exactly the rows a full refresh gives, however the data arrived."""

from __future__ import annotations

from pathlib import Path

import pytest

from dwh.dbt import run_dbt

from .conftest import differences, rows

# Every incremental model (all columns must match: their audit columns come from the raw rows).
INCREMENTAL = [
    "staging.stg_company_activity__product_events",
    "staging.stg_company_activity__product_event_days",
    "staging.stg_company_activity__product_usage_api",
    "company_activity.agg_company_daily_events",
    "company_activity.company_activity_reconciliation",
    "staging.stg_social__posts",
    "social.dim_posts",
]
# fact_company_activity is incremental too; its CRM attributes depend on how many exports the
# snapshot saw (one build over every export, or one per batch), so replay and full build agree on
# its measures only, and a full refresh of the same warehouse agrees on every column but loaded_at.
FACT = "company_activity.fact_company_activity"
FACT_EVERY_COLUMN = "* exclude (loaded_at)"
# Models downstream of the incrementals that must match too.
DOWNSTREAM = {
    "staging.company_activity_quarantine": "*",
    "social.fact_engagement_events": "*",
    "social.fact_post_virality": "*",
    "social.fact_share_levels": "*",
    "staging.social_quarantine": "*",
    "staging.stg_streaming__playback_events": "*",
    "staging.streaming_quarantine": "*",
    # the streaming incrementals' audit columns say which run wrote a row: they follow the arrival
    "intermediate.int_streaming__session_events": "* exclude (_sessionised_at, _previous_viewing_key, "
                                                  "_previous_profile_id)",
    "streaming.fact_viewing_sessions": "* exclude (_sessionised_at, _content_loaded_through)",
    "streaming.fact_viewing_events": "* exclude (_sessionised_at, _content_loaded_through)",
    "streaming.user_cumulative_view_time": "* exclude (_sessionised_at, _content_loaded_through)",
    "streaming.fact_binge_watches": "*",
    # rideshare and delivery: tables whose history comes from every export, so the batches agree
    "staging.rideshare_quarantine": "*",
    "rideshare.dim_users": "*",
    "rideshare.fact_rides": "*",
    "rideshare.fact_ride_segments": "*",
    "rideshare.fact_carpool_daily": "*",
    "staging.delivery_quarantine": "*",
    "delivery.dim_drivers": "*",
    "delivery.dim_restaurants": "*",
    "delivery.fact_orders": "*",
    "delivery.fact_delivery_batches": "*",
    "delivery.vw_delivery_batch_context": "*",
    "delivery.fact_restaurant_daily": "*",
    FACT: "company_id, activity_date, active_users, events, active_users_7d, is_churn_risk, events_per_user, "
          "_events_loaded_at",
}


@pytest.mark.parametrize("table", INCREMENTAL + list(DOWNSTREAM))
def test_replay_equals_full_refresh(full_build: Path, replayed: Path, table: str) -> None:
    total, only_full, only_replay = differences(full_build, replayed, table, DOWNSTREAM.get(table, "*"))
    assert total > 0
    assert (only_full, only_replay) == (0, 0), f"{table}: {only_full} rows only in full, {only_replay} only in replay"


def test_replay_exercises_corrections_and_late_rows(replayed: Path) -> None:
    """The replay really did move events between days (else the equivalence proves little)."""
    moved = rows(replayed, "select count(*) from (select event_id from "
                           "staging.stg_company_activity__product_event_days group by all having count(*) > 1)")[0][0]
    assert int(moved) >= 50  # type: ignore[call-overload]


def test_second_build_changes_nothing(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    again = copy_of(full_build)
    run_dbt(["build", "--exclude-resource-type", "seed"], again)
    for table in INCREMENTAL + list(DOWNSTREAM) + ["company_activity.dim_companies", "shared.dim_date"]:
        columns = DOWNSTREAM.get(table, "*")
        if table == FACT:
            columns = FACT_EVERY_COLUMN
        _, a, b = differences(full_build, again, table, columns)
        assert (a, b) == (0, 0), table
    snapshot = "snapshots.snap_company_activity__crm_companies"
    assert rows(full_build, f"select count(*) from {snapshot}") == rows(again, f"select count(*) from {snapshot}")


def test_full_refresh_after_replay_changes_nothing(replayed: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    rebuilt = copy_of(replayed)
    run_dbt(["build", "--exclude-resource-type", "seed", "--full-refresh"], rebuilt)
    for table in [*INCREMENTAL, FACT]:
        _, a, b = differences(replayed, rebuilt, table, FACT_EVERY_COLUMN if table == FACT else "*")
        assert (a, b) == (0, 0), table


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
