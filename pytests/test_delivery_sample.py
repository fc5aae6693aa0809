"""The delivery sample data: every planted case reaches the marts as the contract says, in the
replayed (batch by batch) warehouse, and the seed's analyses answer sensibly on it."""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

import duckdb
import pytest

from dwh.dbt import run_dbt
from dwh.generators import delivery

from .conftest import copy_into, rows


@pytest.fixture(scope="module")
def planted() -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory() as scratch:
        return delivery.generate(Path(scratch)).planted


def test_every_case_is_planted(planted: dict[str, list[str]]) -> None:
    assert set(planted) >= {
        "cancelled_batch", "rebatched_after_cancel", "wrong_dispatch_total", "batch_of_five",
        "batch_completed_next_load", "cancelled_order", "replayed_order"}


def test_batches(replayed: Path, planted: dict[str, list[str]]) -> None:
    (wrong,) = planted["wrong_dispatch_total"]
    assert rows(replayed, "select total_deliveries, reported_total_deliveries from delivery.fact_delivery_batches "
                          "where batch_id = ?", [int(wrong)]) == [(4, 5)]
    assert rows(replayed, "select batch_id from audit.delivery_batch_total_disagreements") == [(int(wrong),)]
    (cancelled,), (rebatched,) = planted["cancelled_batch"], planted["rebatched_after_cancel"]
    assert rows(replayed, "select distinct batch_id from delivery.vw_delivery_batch_context "
                          "where batch_id in (?, ?)", [int(cancelled), int(rebatched)]) == [(int(rebatched),)]
    (late,) = planted["batch_completed_next_load"]
    assert rows(replayed, "select batch_status, batch_duration_minutes > 0 from delivery.fact_delivery_batches "
                          "where batch_id = ?", [int(late)]) == [("completed", True)]
    (five,) = planted["batch_of_five"]
    assert rows(replayed, "select max(pickup_sequence), max(dropoff_sequence) from delivery.fact_batch_deliveries "
                          "where batch_id = ?", [int(five)]) == [(5, 5)]


def test_delivery_history(replayed: Path) -> None:
    assert rows(replayed, "select driver_tier from delivery.dim_drivers where driver_id = ? order by valid_from",
                [delivery.TIER_CHANGE[0]]) == [("standard",), (delivery.TIER_CHANGE[2],)]
    assert rows(replayed, "select avg_prep_time_minutes from delivery.dim_restaurants where restaurant_id = ? "
                          "order by valid_from", [delivery.PREP_CHANGE[0]]) == [
        (delivery.RESTAURANTS[2][6],), (delivery.PREP_CHANGE[2],)]


@pytest.fixture(scope="module")
def analyses(replayed: Path,
             tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    """Every delivery analysis on the replayed sample with the seed's own thresholds: name ->
    (columns, rows)."""
    run_dbt(["compile", "--select", "path:analyses/delivery"], copy_into(replayed, tmp_path_factory.mktemp("compile")))
    compiled = Path(os.environ["DBT_TARGET_PATH"]) / "compiled" / "warehouse" / "analyses" / "delivery"
    answers = {}
    with duckdb.connect(str(replayed), read_only=True) as con:
        for path in sorted(compiled.glob("*.sql")):
            result = con.execute(path.read_text())
            answers[path.stem] = ([d[0] for d in result.description], result.fetchall())
    return answers


def test_every_analysis_answers_sensibly(analyses: dict[str, tuple[list[str], list[tuple[object, ...]]]]) -> None:
    assert set(analyses) == {"batched_vs_individual_performance", "algorithm_effectiveness", "route_optimization",
                             "driver_batching_performance", "restaurant_batching_impact"}
    for name, (columns, answer) in analyses.items():
        assert answer, f"{name} returned no rows"
        for row in answer:
            values = dict(zip(columns, row, strict=True))
            for column, value in values.items():
                if not isinstance(value, int | float) or isinstance(value, bool):
                    continue
                assert not math.isnan(value), (name, column)
                if column.endswith("_rate") or column == "efficiency_score" or "efficiency_score" in column:
                    assert 0 <= value <= 1, (name, column, value)
                if any(part in column for part in ("duration", "delivery_time", "total_", "wait", "size", "distance")):
                    assert value >= 0, (name, column, value)
    drivers = analyses["driver_batching_performance"][1]
    restaurants = analyses["restaurant_batching_impact"][1]
    assert len(drivers) == len(delivery.DRIVERS) and len(restaurants) == len(delivery.RESTAURANTS)
