"""The rideshare domain's hand-made quarantine cases (pytests/test_quarantine_rules.py): for each raw
table, one good row (reason None) and one row per quarantine rule that breaks exactly that rule,
in the input contract's column order; and where each table's good row must arrive."""

from __future__ import annotations

from pathlib import Path

from . import Row, contract_row

L4 = "2026-03-02 06:00"  # load stamp
RIDE = {"ride_id": "r0", "driver_id": "d1", "vehicle_id": "v1", "ride_type": "regular", "ride_status": "completed",
        "start_ts": "2026-03-01 10:00", "end_ts": "2026-03-01 10:30", "start_location_id": "z1",
        "end_location_id": "z1", "total_fare": "10.00", "total_distance_km": "3.00", "_loaded_at": L4}
SEGMENT = {"segment_id": "s0", "ride_id": "r0", "rider_id": "u1", "pickup_ts": "2026-03-01 10:00",
           "dropoff_ts": "2026-03-01 10:20", "pickup_location_id": "z1", "dropoff_location_id": "z1",
           "segment_fare": "10.00", "segment_distance_km": "3.00", "segment_status": "completed", "_loaded_at": L4}
REQUEST = {"request_id": "q0", "rider_id": "u1", "requested_at": "2026-03-01 09:55", "ride_type_requested": "regular",
           "pickup_location_id": "z1", "dropoff_location_id": "z1", "request_status": "unmatched", "_loaded_at": L4}
USER = {"user_id": "u1", "user_type": "rider", "full_name": "Ann", "email": "ann@example.com", "phone": "+46 70 1",
        "home_city": "Stockholm", "signup_at": "2025-01-01", "export_date": "2026-03-02", "_loaded_at": L4}
VEHICLE = {"vehicle_id": "v1", "driver_id": "d1", "make": "Volvo", "model": "XC60", "model_year": 2022,
           "seat_capacity": 4, "vehicle_class": "standard", "_loaded_at": L4}
ZONE = {"location_id": "z1", "zone_name": "Centre", "city": "Stockholm", "latitude": 59.33, "longitude": 18.06,
        "_loaded_at": L4}
QUARANTINE_CASES: dict[str, list[tuple[str | None, Row]]] = {
    "raw_rides": [(None, contract_row("raw_rides", RIDE)), *(
        (reason, contract_row("raw_rides", RIDE, ride_id=f"r{n}", **change)) for n, (reason, change) in enumerate((
            ("missing_driver_id", {"driver_id": None}), ("unknown_ride_type", {"ride_type": "boat"}),
            ("unknown_ride_status", {"ride_status": "lost"}), ("missing_start_timestamp", {"start_ts": None}),
            ("ride_after_load", {"start_ts": "2026-03-03 10:00", "end_ts": "2026-03-03 10:30"}),
            ("completed_without_end", {"end_ts": None}), ("end_before_start", {"end_ts": "2026-03-01 09:00"}),
            ("negative_fare", {"total_fare": "-1.00"}), ("negative_distance", {"total_distance_km": "-1.00"})),
            start=1)),
        ("null_ride_id", contract_row("raw_rides", RIDE, ride_id=None))],
    "raw_ride_segments": [(None, contract_row("raw_ride_segments", SEGMENT)), *(
        (reason, contract_row("raw_ride_segments", SEGMENT, segment_id=f"s{n}", **change))
        for n, (reason, change) in enumerate((
            ("missing_ride_id", {"ride_id": None}), ("missing_rider_id", {"rider_id": None}),
            ("unknown_segment_status", {"segment_status": "lost"}), ("missing_pickup_timestamp", {"pickup_ts": None}),
            ("pickup_after_load", {"pickup_ts": "2026-03-03 10:00", "dropoff_ts": "2026-03-03 10:20"}),
            ("completed_without_dropoff", {"dropoff_ts": None}),
            ("dropoff_not_after_pickup", {"dropoff_ts": "2026-03-01 10:00"}),
            ("negative_fare", {"segment_fare": "-1.00"}), ("negative_distance", {"segment_distance_km": "-1.00"}),
            ("unknown_ride", {"ride_id": "r_missing"}),
            ("segment_outside_ride", {"pickup_ts": "2026-03-01 09:00", "dropoff_ts": "2026-03-01 09:20"})), start=1)),
        ("null_segment_id", contract_row("raw_ride_segments", SEGMENT, segment_id=None))],
    "raw_ride_requests": [(None, contract_row("raw_ride_requests", REQUEST)), *(
        (reason, contract_row("raw_ride_requests", REQUEST, request_id=f"q{n}", **change))
        for n, (reason, change) in enumerate((
            ("missing_rider_id", {"rider_id": None}), ("missing_requested_at", {"requested_at": None}),
            ("request_after_load", {"requested_at": "2026-03-03 10:00"}),
            ("unknown_ride_type", {"ride_type_requested": "boat"}),
            ("unknown_request_status", {"request_status": "maybe"}),
            ("matched_without_segment", {"request_status": "matched"})), start=1)),
        ("null_request_id", contract_row("raw_ride_requests", REQUEST, request_id=None))],
    "raw_rideshare_users": [
        (None, contract_row("raw_rideshare_users", USER)),
        ("null_user_id", contract_row("raw_rideshare_users", USER, user_id=None)),
        ("null_export_date", contract_row("raw_rideshare_users", USER, user_id="u2", export_date=None)),
        ("unknown_user_type", contract_row("raw_rideshare_users", USER, user_id="u3", user_type="alien")),
        ("export_after_load", contract_row("raw_rideshare_users", USER, user_id="u4", export_date="2026-03-03"))],
    "raw_vehicles": [
        (None, contract_row("raw_vehicles", VEHICLE)),
        ("null_vehicle_id", contract_row("raw_vehicles", VEHICLE, vehicle_id=None)),
        ("no_seats", contract_row("raw_vehicles", VEHICLE, vehicle_id="v2", seat_capacity=0))],
    "raw_locations": [
        (None, contract_row("raw_locations", ZONE)),
        ("null_location_id", contract_row("raw_locations", ZONE, location_id=None)),
        ("missing_city", contract_row("raw_locations", ZONE, location_id="z2", city=None)),
        ("coordinates_off_the_globe", contract_row("raw_locations", ZONE, location_id="z3", latitude=123.0))],
}

STAGED = {
    "raw_rides": "rideshare.fact_rides",
    "raw_ride_segments": "rideshare.fact_ride_segments",
    "raw_ride_requests": "staging.stg_rideshare__ride_requests",
    "raw_rideshare_users": "staging.stg_rideshare__users",
    "raw_vehicles": "staging.stg_rideshare__vehicles",
    "raw_locations": "staging.stg_rideshare__locations",
}


def landing_day(folder: Path, d: str, t: str) -> None:
    """One small day of landing files for `dwh run`, one per raw table (pytests/handmade.py, write_day):
    `d` is the day, `t` a moment in it."""
    (folder / "raw_locations__zones.csv").write_text("location_id,zone_name,city,latitude,longitude\n"
                                                    "z1,Centre,Stockholm,59.33,18.06\n")
    (folder / "raw_vehicles__fleet.csv").write_text(
        "vehicle_id,driver_id,make,model,model_year,seat_capacity,vehicle_class\nv1,u2,Volvo,XC60,2022,4,standard\n")
    (folder / "raw_rideshare_users__export.csv").write_text(
        "user_id,user_type,full_name,email,phone,home_city,signup_at,export_date\n"
        f"u1,rider,Ann Rider,ann@example.com,+46 70 123 4567,Stockholm,2025-01-01 00:00:00,{d}\n"
        f"u2,driver,Bo Driver,bo@example.com,+46 70 765 4321,Stockholm,2025-01-01 00:00:00,{d}\n")
    (folder / "raw_rides__rides.ndjson").write_text(
        f'{{"ride_id": "r1", "driver_id": "u2", "vehicle_id": "v1", "ride_type": "carpool", "ride_status": '
        f'"cancelled", "start_ts": "{t}", "end_ts": null, "start_location_id": "z1", "end_location_id": "z1", '
        f'"total_fare": 0, "total_distance_km": 0}}\n')
    (folder / "raw_ride_segments__segments.ndjson").write_text(
        f'{{"segment_id": "s1", "ride_id": "r1", "rider_id": "u1", "pickup_ts": "{t}", "dropoff_ts": null, '
        f'"pickup_location_id": "z1", "dropoff_location_id": "z1", "segment_fare": 0, "segment_distance_km": 0, '
        f'"segment_status": "cancelled"}}\n')
    (folder / "raw_ride_requests__requests.ndjson").write_text(
        f'{{"request_id": "q1", "rider_id": "u1", "requested_at": "{t}", "ride_type_requested": "carpool", '
        f'"pickup_location_id": "z1", "dropoff_location_id": "z1", "request_status": "unmatched", '
        f'"matched_segment_id": null}}\n')


# What the marts hold after `dwh run` loads landing_day alone (pytests/test_daily_run.py)
DAILY_RUN_ANSWERS: dict[str, list[tuple[object, ...]]] = {
    "select ride_id, passenger_count from rideshare.fact_rides": [("r1", 0)]}


# Personal data typed into free text, and what the models hold (pytests/test_personal_data.py)
PERSONAL_DATA_TYPED = [("raw_rideshare_users", "user_id", "home_city", 1, "+44 7911 123456")]
PERSONAL_DATA_REDACTED: dict[str, list[tuple[object, ...]]] = {}
PERSONAL_DATA_HEALED: dict[str, list[tuple[object, ...]]] = {}
