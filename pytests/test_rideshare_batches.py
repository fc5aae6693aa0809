"""Hand-made rideshare rows loaded straight into `raw` in two batches give the answers the rideshare
contract defines, after each batch.

Batch 1 (loaded 2026-06-02 06:00) holds 2026-06-01 in Stockholm:
* c1, a carpool: r1 and r2 are picked up at zone A at 10:00 sharp (a tie: s1 before s2, by id);
  r1 leaves at B at 10:20, r2 at C at 10:40. Fares 12 + 18 = 30, the ride's fare.
* g1, a regular ride for r3; x1, a carpool cancelled before anyone got in (r1's segment cancelled).
* c2, a carpool of fare 20.00 whose second segment (s6, r3, 8.00) is not in the batch: its fares do
  not add up yet (the warning test stores it).
* requests: r1 and r2 matched, r3 unmatched, r1 gave up once; a matched request without its segment
  and a segment picked up an hour before its ride are quarantined.
Batch 2 (loaded 2026-06-03 06:00): s6 arrives, g1's fare is corrected (15.00 -> 16.00 with its
segment), r1 is in Gothenburg in the new export (dated 2026-06-03), and rode there on 2026-06-02 (c3,
inside one zone: no detour) under the version of the 2026-06-02 export, which still says Stockholm.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from .conftest import built_batch_by_batch, rows
from .handmade import insert

DOMAIN = "rideshare"
B1, B2 = "2026-06-02 06:00:00", "2026-06-03 06:00:00"
ZONES = {"A": ("Stockholm", 59.3300, 18.0586), "B": ("Stockholm", 59.3380, 18.0880),
         "C": ("Stockholm", 59.3150, 18.0710), "G": ("Gothenburg", 57.7089, 11.9730)}
PEOPLE = {"r1": "Alice Rider", "r2": "Bob Rider", "r3": "Cleo Rider", "d1": "Dan Driver", "d2": "Eve Driver"}


def km(a: str, b: str) -> float:
    (_, lat1, lon1), (_, lat2, lon2) = ZONES[a], ZONES[b]
    la1, la2, dla, dlo = math.radians(lat1), math.radians(lat2), math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    h = math.sin(dla / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlo / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def users(loaded: str, export: str, r1_city: str) -> str:
    return insert("raw_rideshare_users", loaded, *(
        {"user_id": user, "user_type": "driver" if user.startswith("d") else "rider", "full_name": name,
         "email": f"{name.split()[0].lower()}@example.com", "phone": f"+46 70 123 45{n:02d}",
         "home_city": r1_city if user == "r1" else ("Gothenburg" if user == "d2" else "Stockholm"),
         "signup_at": "2025-01-01 00:00:00", "export_date": export}
        for n, (user, name) in enumerate(PEOPLE.items())))


def ride(ride_id: str, kind: str, status: str, start: str, end: str | None, fare: str, zones: str = "AB",
         driver: str = "d1") -> dict[str, object]:
    return {"ride_id": ride_id, "driver_id": driver, "vehicle_id": "v1", "ride_type": kind, "ride_status": status,
            "start_ts": start, "end_ts": end, "start_location_id": zones[0], "end_location_id": zones[1],
            "total_fare": fare, "total_distance_km": "9.00"}


def segment(segment_id: str, ride_id: str, rider: str, on: str, off: str | None, zones: str, fare: str,
            km_: str = "3.00", status: str = "completed") -> dict[str, object]:
    return {"segment_id": segment_id, "ride_id": ride_id, "rider_id": rider, "pickup_ts": on, "dropoff_ts": off,
            "pickup_location_id": zones[0], "dropoff_location_id": zones[1], "segment_fare": fare,
            "segment_distance_km": km_, "segment_status": status}


def request(request_id: str, rider: str, at: str, status: str, matched: str | None, kind: str = "carpool",
            zones: str = "AB") -> dict[str, object]:
    return {"request_id": request_id, "rider_id": rider, "requested_at": at, "ride_type_requested": kind,
            "pickup_location_id": zones[0], "dropoff_location_id": zones[1], "request_status": status,
            "matched_segment_id": matched}


DAY1 = "2026-06-01 "
BATCH_1 = (
    insert("raw_locations", B1, *({"location_id": z, "zone_name": f"Zone {z}", "city": c, "latitude": lat,
                                   "longitude": lon} for z, (c, lat, lon) in ZONES.items()))
    + insert("raw_vehicles", B1, {"vehicle_id": "v1", "driver_id": "d1", "make": "Volvo", "model": "XC60",
                                  "model_year": 2022, "seat_capacity": 4, "vehicle_class": "standard"})
    + users(B1, "2026-06-02", "Stockholm")
    + insert("raw_rides", B1,
             ride("c1", "carpool", "completed", DAY1 + "10:00:00", DAY1 + "10:41:00", "30.00"),
             ride("g1", "regular", "completed", DAY1 + "11:00:00", DAY1 + "11:15:00", "15.00"),
             ride("x1", "carpool", "cancelled", DAY1 + "12:00:00", None, "0.00"),
             ride("c2", "carpool", "completed", DAY1 + "13:00:00", DAY1 + "13:30:00", "20.00"))
    + insert("raw_ride_segments", B1,
             segment("s2", "c1", "r2", DAY1 + "10:00:00", DAY1 + "10:40:00", "AC", "18.00", "4.40"),
             segment("s1", "c1", "r1", DAY1 + "10:00:00", DAY1 + "10:20:00", "AB", "12.00", "2.50"),
             segment("s3", "g1", "r3", DAY1 + "11:00:00", DAY1 + "11:15:00", "AB", "15.00"),
             segment("s4", "x1", "r1", DAY1 + "12:00:00", None, "AB", "0.00", status="cancelled"),
             segment("s5", "c2", "r2", DAY1 + "13:00:00", DAY1 + "13:20:00", "AB", "12.00"),
             segment("s9", "c1", "r3", DAY1 + "09:00:00", DAY1 + "09:20:00", "AB", "5.00"))
    + insert("raw_ride_requests", B1,
             request("q1", "r1", DAY1 + "09:55:00", "matched", "s1"),
             request("q2", "r2", DAY1 + "09:56:00", "matched", "s2"),
             request("q3", "r3", DAY1 + "09:57:00", "unmatched", None),
             request("q4", "r1", DAY1 + "11:50:00", "cancelled_by_rider", None),
             request("q5", "r2", DAY1 + "12:50:00", "matched", None))
)
DAY2 = "2026-06-02 "
BATCH_2 = (
    users(B2, "2026-06-03", "Gothenburg")
    + insert("raw_ride_segments", B2,
             segment("s6", "c2", "r3", DAY1 + "13:05:00", DAY1 + "13:29:00", "AB", "8.00"),
             segment("s3", "g1", "r3", DAY1 + "11:00:00", DAY1 + "11:15:00", "AB", "16.00"),
             segment("s7", "c3", "r1", DAY2 + "09:00:00", DAY2 + "09:10:00", "GG", "9.00"))
    + insert("raw_rides", B2,
             ride("g1", "regular", "completed", DAY1 + "11:00:00", DAY1 + "11:15:00", "16.00"),
             ride("c3", "carpool", "completed", DAY2 + "09:00:00", DAY2 + "09:11:00", "9.00", "GG", "d2"))
    + insert("raw_ride_requests", B2, request("q6", "r1", DAY2 + "08:55:00", "matched", "s7", zones="GG"))
)


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The warehouse after batch 1 and after batch 2."""
    return built_batch_by_batch(tmp_path_factory.mktemp("rideshare_batches"), DOMAIN, BATCH_1, BATCH_2)


def test_sequences_follow_the_timestamps_and_ties_go_to_the_segment_id(batches: dict[int, Path]) -> None:
    assert rows(batches[1], "select ride_segment_id, pickup_sequence_in_ride, dropoff_sequence_in_ride, "
                            "segment_duration_seconds from rideshare.fact_ride_segments where ride_id = 'c1' "
                            "order by 1") == [("s1", 1, 1, 1200), ("s2", 2, 2, 2400)]


def test_detour_is_road_over_haversine_distance(batches: dict[int, Path]) -> None:
    detours = dict(rows(batches[2], "select ride_segment_id, detour_ratio from rideshare.fact_ride_segments"))
    assert detours["s1"] == pytest.approx(2.50 / km("A", "B"), rel=1e-12)
    assert detours["s2"] == pytest.approx(4.40 / km("A", "C"), rel=1e-12)
    assert detours["s7"] is None  # inside one zone


def test_rides_passengers_and_fares(batches: dict[int, Path]) -> None:
    query = ("select ride_id, passenger_count, is_carpool, fare_matches_segments, total_duration "
             "from rideshare.fact_rides order by 1")
    assert rows(batches[1], query) == [("c1", 2, True, True, 2460), ("c2", 1, True, False, 1800),
                                       ("g1", 1, False, True, 900), ("x1", 0, True, True, None)]
    assert rows(batches[1], "select ride_id from audit.rideshare_fare_disagreements") == [("c2",)]
    # the late segment completes c2; the corrected ride and segment agree again
    assert rows(batches[2], query) == [("c1", 2, True, True, 2460), ("c2", 2, True, True, 1800),
                                       ("c3", 1, True, True, 660), ("g1", 1, False, True, 900),
                                       ("x1", 0, True, True, None)]
    assert rows(batches[2], "select total_fare from rideshare.fact_rides where ride_id = 'g1'") == [(16,)]


def test_bad_segments_and_requests_wait_in_quarantine(batches: dict[int, Path]) -> None:
    assert rows(batches[1], "select record_key, reason from staging.rideshare_quarantine order by 1") == [
        ("q5", "matched_without_segment"), ("s9", "segment_outside_ride")]
    assert rows(batches[1], "select count(*) from rideshare.fact_ride_segments where ride_segment_id = 's9'") == [(0,)]


def test_carpool_daily_metrics(batches: dict[int, Path]) -> None:
    query = """
        select city, ride_type, rides, completed_rides, carpool_penetration, requests, matched_requests,
               request_success_rate, avg_fill_rate, avg_detour_ratio, driver_earnings_per_hour, cancellation_rate
        from rideshare.fact_carpool_daily where activity_date = '2026-06-01' order by ride_type"""
    carpool, regular = rows(batches[2], query)
    c1_fill = (1200 + 2400) / 2400
    c2_fill = (1200 + 1440) / (29 * 60)  # 13:00 .. 13:29
    detours = [2.50 / km("A", "B"), 4.40 / km("A", "C"), 3.00 / km("A", "B"), 3.00 / km("A", "B")]
    assert carpool[:4] == ("Stockholm", "carpool", 3, 2)
    assert carpool[4] == pytest.approx(3 / 4)  # three carpool rides of four, cancelled one included
    assert carpool[5:8] == (4, 2, 0.5)  # the quarantined request (q5) is not counted
    assert carpool[8] == pytest.approx((c1_fill + c2_fill) / 2)
    assert carpool[9] == pytest.approx(sum(detours) / len(detours))
    assert carpool[10] == pytest.approx((30 + 20) / ((2460 + 1800) / 3600))
    assert carpool[11] == pytest.approx(1 / 3)
    assert regular[2:5] == (1, 1, pytest.approx(3 / 4))
    assert regular[8] is None and regular[10] == pytest.approx(16 / (900 / 3600)) and regular[11] == 0
    assert rows(batches[2], "select city, ride_type, rides, requests, matched_requests from "
                            "rideshare.fact_carpool_daily where activity_date = '2026-06-02'") == [
        ("Gothenburg", "carpool", 1, 1, 1)]


def test_keys_point_at_the_version_in_effect(batches: dict[int, Path]) -> None:
    versions = rows(batches[2], "select home_city, valid_from, valid_to, is_current, user_key from "
                                "rideshare.dim_users where user_id = 'r1' order by valid_from")
    assert [v[:4] for v in versions] == [
        ("Stockholm", *rows(batches[2], "select timestamp '2026-06-02', timestamp '2026-06-03', false")[0]),
        ("Gothenburg", *rows(batches[2], "select timestamp '2026-06-03', null, true")[0])]
    keys = dict(rows(batches[2], "select ride_segment_id, rider_user_key from rideshare.fact_ride_segments "
                                 "where rider_user_id = 'r1'"))
    # a pickup before the first export takes the first version; so does the ride in Gothenburg on
    # 2026-06-02: the export that first says Gothenburg is dated 2026-06-03, and validity follows the data
    assert keys == {"s1": versions[0][4], "s4": versions[0][4], "s7": versions[0][4]}
    assert rows(batches[2], "select count(*) from rideshare.fact_rides where driver_user_key is null") == [(0,)]


def test_snapshot_records_the_history_the_exports_give(batches: dict[int, Path]) -> None:
    for warehouse in batches.values():
        snapshot = rows(warehouse, "select user_id, home_city, dbt_valid_from, dbt_valid_to "
                                   "from snapshots.snap_rideshare__users order by 1, 3")
        history = rows(warehouse, "select user_id, home_city, valid_from, valid_to "
                                  "from intermediate.int_rideshare__users_history order by 1, 3")
        assert snapshot == history


def test_no_personal_data_in_the_marts(batches: dict[int, Path]) -> None:
    tables = [t for (t,) in rows(batches[2], "select table_name from information_schema.tables "
                                             "where table_schema = 'rideshare'")]
    for table in tables:
        text = str(rows(batches[2], f"select * from rideshare.{table}"))
        for name in PEOPLE.values():
            assert name not in text and name.split()[0].lower() + "@" not in text, table
        assert "+46 70" not in text, table
    assert rows(batches[2], "select email_masked from rideshare.dim_users where user_id = 'r2' limit 1") == [
        ("b***@example.com",)]
