"""The rideshare sample data: every planted case reaches the marts as the contract says, in the
replayed (batch by batch) warehouse."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from dwh.generators import rideshare

from .conftest import rows


@pytest.fixture(scope="module")
def planted() -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory() as scratch:
        return rideshare.generate(Path(scratch)).planted


def test_every_case_is_planted(planted: dict[str, list[str]]) -> None:
    assert set(planted) >= {
        "carpool_of_four", "pickup_tie", "cancelled_ride", "rider_cancelled_in_carpool", "mover_before",
        "mover_after", "fare_mismatch", "same_zone", "late_segment", "corrected_ride", "replayed_ride",
        "segment_outside_ride", "segment_of_unknown_ride", "unmatched", "cancelled_by_rider"}


def test_rides_and_segments(replayed: Path, planted: dict[str, list[str]]) -> None:
    def ride(case: str) -> tuple[object, ...]:
        (ride_id,) = planted[case]
        (found,) = rows(replayed, "select ride_status, passenger_count, fare_matches_segments, is_carpool "
                                  "from rideshare.fact_rides where ride_id = ?", [ride_id])
        return found

    assert ride("carpool_of_four") == ("completed", 4, True, True)
    assert ride("cancelled_ride") == ("cancelled", 0, True, False)
    assert ride("rider_cancelled_in_carpool") == ("completed", 1, True, True)
    assert ride("fare_mismatch")[2] is False
    assert rows(replayed, "select ride_id from audit.rideshare_fare_disagreements") == [
        (planted["fare_mismatch"][0],)]
    (tie,) = planted["pickup_tie"]
    assert rows(replayed, "select ride_segment_id, pickup_sequence_in_ride from rideshare.fact_ride_segments "
                          "where ride_id = ? order by 1", [tie]) == [(f"{tie}-S1", 1), (f"{tie}-S2", 2)]
    (same_zone,) = planted["same_zone"]
    assert rows(replayed, "select detour_ratio from rideshare.fact_ride_segments where ride_id = ?",
                [same_zone]) == [(None,)]
    assert rows(replayed, "select count(*) from rideshare.fact_ride_segments where ride_segment_id = ?",
                planted["late_segment"]) == [(1,)]
    reasons = dict(rows(replayed, "select record_key, reason from staging.rideshare_quarantine"))
    assert reasons[planted["segment_outside_ride"][0]] == "segment_outside_ride"
    assert reasons[planted["segment_of_unknown_ride"][0]] == "unknown_ride"


def test_the_mover_rides_under_each_home_city(replayed: Path, planted: dict[str, list[str]]) -> None:
    cities = [rows(replayed, """
        select users.home_city from rideshare.fact_ride_segments as segments
        inner join rideshare.dim_users as users on segments.rider_user_key = users.user_key
        where segments.ride_id = ?""", planted[case])[0][0] for case in ("mover_before", "mover_after")]
    assert cities == ["Stockholm", "Gothenburg"]


def test_carpool_daily_rates_are_fractions(replayed: Path) -> None:
    (bad,) = rows(replayed, """
        select count(*) from rideshare.fact_carpool_daily
        where carpool_penetration not between 0 and 1 or request_success_rate not between 0 and 1
           or cancellation_rate not between 0 and 1 or avg_fill_rate <= 0 or avg_detour_ratio < 1
           or driver_earnings_per_hour <= 0""")[0]
    assert bad == 0  # the road is never shorter than the straight line
    assert rows(replayed, "select count(distinct city), count(*) > 12 from rideshare.fact_carpool_daily") == [
        (2, True)]
