"""Every quarantine rule is broken by data: one good row per raw table, plus one row per rule that
breaks exactly that rule, loaded straight into `raw`. Each bad row must land in the domain's
quarantine with its own reason, the good rows must reach staging, and the build (which includes
the raw = current + superseded + quarantined tests) must pass."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dwh.contracts import create_raw_tables, input_contract
from dwh.dbt import run_dbt

from .conftest import domain_build, rows

Row = tuple[object, ...]

L1 = "2026-03-01 08:00"  # company-activity load stamp
CASES: dict[str, dict[str, list[tuple[str | None, Row]]]] = {
    "company_activity": {
        "raw_crm_companies": [
            (None, ("A", "Acme", "GB", "saas", None, "2026-03-01", L1)),
            ("null_company_id", (None, "Nameless", "GB", "saas", None, "2026-03-01", L1)),
            ("null_export_date", ("B", "Beta", "GB", "saas", None, None, L1)),
            ("unknown_country", ("C", "Gamma", "XX", "saas", None, "2026-03-01", L1)),
            ("export_after_load", ("D", "Delta", "GB", "saas", None, "2026-03-05", L1)),
            ("contact_after_load", ("E", "Eps", "GB", "saas", "2026-03-04 10:00", "2026-03-01", L1)),
        ],
        "raw_product_usage_api": [
            (None, ("A", "2026-02-28", 1, 1, L1)),
            ("null_company_id", (None, "2026-02-28", 1, 1, L1)),
            ("null_usage_date", ("A", None, 1, 1, L1)),
            ("null_figures", ("B", "2026-02-28", None, 1, L1)),
            ("negative_figures", ("C", "2026-02-28", -1, 1, L1)),
            ("users_without_events", ("D", "2026-02-28", 2, 0, L1)),
            ("date_after_load", ("E", "2026-03-09", 1, 1, L1)),
        ],
        "raw_product_events": [
            (None, ("e0", "A", "u1", "login", "2026-02-28 10:00", L1)),
            ("null_event_id", (None, "A", "u1", "login", "2026-02-28 10:00", L1)),
            ("missing_company_id", ("e1", None, "u1", "login", "2026-02-28 10:00", L1)),
            ("missing_user_id", ("e2", "A", None, "login", "2026-02-28 10:00", L1)),
            ("missing_event_type", ("e3", "A", "u1", "  ", "2026-02-28 10:00", L1)),
            ("missing_occurred_at", ("e4", "A", "u1", "login", None, L1)),
            ("occurred_after_load", ("e5", "A", "u1", "login", "2026-03-02 10:00", L1)),
        ],
    },
}
L2 = "2026-04-01 06:00"  # social load stamp
CASES["social"] = {
    "raw_posts": [
        (None, ("p0", "u1", None, "2026-03-31 10:00", "video", False, L2)),
        ("null_post_id", (None, "u1", None, "2026-03-31 10:00", "video", False, L2)),
        ("missing_creator", ("p1", None, None, "2026-03-31 10:00", "video", False, L2)),
        ("missing_created_at", ("p2", "u1", None, None, "video", False, L2)),
        ("created_after_load", ("p3", "u1", None, "2026-04-02 10:00", "video", False, L2)),
    ],
    "raw_engagement_events": [
        (None, ("v0", "u1", "p0", "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
        ("null_event_id", (None, "u1", "p0", "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
        ("missing_post_id", ("v1", "u1", None, "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
        ("missing_user_id", ("v2", None, "p0", "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
        ("unknown_engagement_type", ("v3", "u1", "p0", "like", "2026-03-31 11:00", "s", "ios", None, L2)),
        ("negative_view_seconds", ("v4", "u1", "p0", "view", "2026-03-31 11:00", "s", "ios", -1.0, L2)),
        ("missing_event_timestamp", ("v5", "u1", "p0", "view", None, "s", "ios", 3.0, L2)),
        ("event_after_load", ("v6", "u1", "p0", "view", "2026-04-03 10:00", "s", "ios", 3.0, L2)),
        ("unknown_post", ("v7", "u1", "p_missing", "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
    ],
    "raw_social_users": [
        (None, ("u1", "ann", "2025-01-01", "viewer", False, "GB", "2026-04-01", L2)),
        ("null_user_id", (None, "ghost", "2025-01-01", "viewer", False, "GB", "2026-04-01", L2)),
        ("null_export_date", ("u2", "bob", "2025-01-01", "viewer", False, "GB", None, L2)),
        ("unknown_country", ("u3", "cid", "2025-01-01", "viewer", False, "XX", "2026-04-01", L2)),
        ("export_after_load", ("u4", "dee", "2025-01-01", "viewer", False, "GB", "2026-04-05", L2)),
    ],
}
L3 = "2026-04-11 06:00"  # streaming load stamp
B = ("b0", "q1", "a1", "m1", "d1", "c1", "heartbeat", "2026-04-10 10:00", 60, None, "HD", False, L3)  # a good beacon


def beacon(event_id: str | None, **changes: object) -> Row:
    """The good beacon with another id and some fields changed."""
    names = ("event_id", "profile_id", "account_id", "content_id", "device_id", "client_session_id", "event_type",
             "event_ts", "position", "seek_from", "quality", "autoplay", "_loaded_at")
    values = dict(zip(names, B, strict=True)) | {"event_id": event_id} | changes
    return tuple(values.values())


FILM = ("m1", "Film", "movie", None, None, None, None, 600, 540, "drama", "2025-01-01", "2026-04-10", L3)
CASES["streaming"] = {
    "raw_playback_events": [
        (None, B),
        ("null_event_id", beacon(None)),
        ("missing_profile_id", beacon("b1", profile_id=None)),
        ("missing_content_id", beacon("b2", content_id=None)),
        ("missing_device_id", beacon("b3", device_id=None)),
        ("unknown_event_type", beacon("b4", event_type="rewind")),
        ("missing_event_timestamp", beacon("b5", event_ts=None)),
        ("event_after_load", beacon("b6", event_ts="2026-04-12 10:00")),
        ("missing_position", beacon("b7", position=None)),
        ("negative_position", beacon("b8", position=-1)),
        ("negative_seek_from", beacon("b9", event_type="seek", seek_from=-5)),
        ("seek_without_origin", beacon("b10", event_type="seek")),
        ("unknown_quality", beacon("b11", quality="8K")),
        ("unknown_content", beacon("b12", content_id="m_missing")),
    ],
    "raw_content": [
        (None, FILM),
        ("null_content_id", (None, *FILM[1:])),
        ("null_export_date", ("m2", *FILM[1:11], None, L3)),
        ("unknown_content_type", ("m3", "Live", "live", *FILM[3:])),
        ("episode_without_series", ("m4", "Ep", "episode", None, None, 1, 1, *FILM[7:])),
        ("non_positive_duration", ("m5", *FILM[1:7], 0, *FILM[8:])),
        ("negative_credits_start", ("m6", *FILM[1:8], -1, *FILM[9:])),
        ("export_after_load", ("m7", *FILM[1:11], "2026-04-12", L3)),
    ],
    "raw_devices": [
        (None, ("d1", "tv", "tizen", "7.0", L3)),
        ("null_device_id", (None, "tv", "tizen", "7.0", L3)),
        ("unknown_device_type", ("d2", "fridge", "linux", "1.0", L3)),
    ],
    "raw_profiles": [
        (None, ("q1", "a1", "Ann", "standard", "SE", "2025-01-01", "2026-04-10", L3)),
        ("null_profile_id", (None, "a1", "Bo", "standard", "SE", "2025-01-01", "2026-04-10", L3)),
        ("null_export_date", ("q2", "a1", "Cy", "standard", "SE", "2025-01-01", None, L3)),
        ("missing_account_id", ("q3", None, "Di", "standard", "SE", "2025-01-01", "2026-04-10", L3)),
        ("unknown_country", ("q4", "a1", "Ed", "standard", "XX", "2025-01-01", "2026-04-10", L3)),
        ("export_after_load", ("q5", "a1", "Flo", "standard", "SE", "2025-01-01", "2026-04-12", L3)),
    ],
}
def contract_row(table: str, values: dict[str, object], **changes: object) -> Row:
    """A raw row of `table` in the contract's column order, from `values` with `changes` applied."""
    merged = {**values, **changes}
    return tuple(merged.get(column) for column, _ in input_contract()[table].columns)


L4 = "2026-03-02 06:00"  # rideshare and delivery load stamp
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
CASES["rideshare"] = {
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
AT = "2026-03-01 12:00"
GOOD_DELIVERY = {
    "raw_orders": {"order_id": 1, "customer_id": 9, "restaurant_id": 1, "order_timestamp": AT,
                   "order_total_cents": 1200, "item_count": 2, "order_status": "placed",
                   "estimated_prep_time_minutes": 15, "has_hot_items": True, "has_cold_items": False,
                   "has_alcohol": False, "delivery_fee_cents": 299, "tip_amount_cents": 0,
                   "delivery_address_lat": 37.7, "delivery_address_lng": -122.4},
    "raw_deliveries": {"delivery_id": 11, "order_id": 1, "driver_id": 7, "delivery_created_at": AT,
                       "estimated_delivery_time_minutes": 30, "delivery_distance_miles": "1.50",
                       "delivery_status": "created"},
    "raw_drivers": {"driver_id": 7, "driver_external_id": "D7", "driver_since_date": "2024-01-01",
                    "driver_status": "active", "vehicle_type": "car", "has_insulated_bag": True,
                    "max_batch_capacity": 4, "driver_tier": "standard", "export_date": "2026-03-02"},
    "raw_restaurants": {"restaurant_id": 1, "restaurant_external_id": "R1", "restaurant_name": "Pizza",
                        "cuisine_type": "italian", "restaurant_lat": 37.7, "restaurant_lng": -122.4,
                        "avg_prep_time_minutes": 20, "can_handle_batch_pickups": True,
                        "is_partner_restaurant": False, "export_date": "2026-03-02"},
    "raw_customers": {"customer_id": 9, "full_name": "Cy", "email": "cy@example.com", "city": "SF",
                      "signup_at": "2025-01-01"},
    "raw_batching_algorithms": {"batching_algorithm_key": 1, "algorithm_name": "nearest_neighbor",
                                "algorithm_version": "v1", "max_batch_size": 4, "max_total_distance_miles": "8.00",
                                "deployed_at": "2024-01-01", "traffic_percentage": "0.5000"},
    "raw_delivery_batches": {"batch_id": 5, "driver_id": 7, "batching_algorithm_key": 1, "batch_created_at": AT,
                             "total_deliveries": 1, "planned_total_distance_miles": "2.00",
                             "batch_efficiency_score": "0.9000", "batch_status": "created"},
    "raw_batch_deliveries": {"batch_delivery_id": 51, "batch_id": 5, "delivery_id": 11, "pickup_sequence": 1,
                             "dropoff_sequence": 1},
    "raw_batch_waypoints": {"waypoint_id": 501, "batch_id": 5, "waypoint_type": "driver_start", "sequence_order": 1,
                            "waypoint_lat": 37.7, "waypoint_lng": -122.4},
    "raw_batch_state_changes": {"state_change_id": 1, "batch_id": 5, "changed_at": AT, "new_state": "created",
                                "change_trigger": "system"},
}
BROKEN_DELIVERY: dict[str, list[tuple[str, dict[str, object]]]] = {
    "raw_orders": [("missing_customer_id", {"customer_id": None}), ("missing_restaurant_id", {"restaurant_id": None}),
                   ("missing_order_timestamp", {"order_timestamp": None}),
                   ("order_after_load", {"order_timestamp": "2026-03-03 10:00"}),
                   ("unknown_order_status", {"order_status": "teleported"}),
                   ("negative_money", {"tip_amount_cents": -1}), ("no_items", {"item_count": 0})],
    "raw_deliveries": [("missing_order_id", {"order_id": None}), ("missing_created_at", {"delivery_created_at": None}),
                       ("delivery_after_load", {"delivery_created_at": "2026-03-03 10:00"}),
                       ("unknown_delivery_status", {"delivery_status": "vanished"}),
                       ("delivered_before_created", {"delivered_at": "2026-03-01 11:00"}),
                       ("negative_distance", {"delivery_distance_miles": "-1.00"})],
    "raw_drivers": [("unknown_driver_status", {"driver_status": "asleep"}),
                    ("unknown_vehicle_type", {"vehicle_type": "hovercraft"}),
                    ("unknown_driver_tier", {"driver_tier": "legend"}),
                    ("no_batch_capacity", {"max_batch_capacity": 0}),
                    ("export_after_load", {"export_date": "2026-03-03"}),
                    ("null_export_date", {"export_date": None})],
    "raw_restaurants": [("negative_prep_time", {"avg_prep_time_minutes": -5}),
                        ("coordinates_off_the_globe", {"restaurant_lat": 137.7}),
                        ("export_after_load", {"export_date": "2026-03-03"}),
                        ("null_export_date", {"export_date": None})],
    "raw_customers": [],
    "raw_batching_algorithms": [("missing_algorithm_name", {"algorithm_name": None}),
                                ("no_batch_size", {"max_batch_size": 0}),
                                ("traffic_out_of_range", {"traffic_percentage": "1.5000"})],
    "raw_delivery_batches": [("missing_driver_id", {"driver_id": None}),
                             ("missing_algorithm", {"batching_algorithm_key": None}),
                             ("missing_created_at", {"batch_created_at": None}),
                             ("batch_after_load", {"batch_created_at": "2026-03-03 10:00"}),
                             ("unknown_batch_status", {"batch_status": "exploded"}),
                             ("batch_times_out_of_order", {"batch_assigned_at": "2026-03-01 11:00"}),
                             ("negative_distance", {"planned_total_distance_miles": "-1.00"})],
    "raw_batch_deliveries": [("missing_batch_id", {"batch_id": None}), ("missing_delivery_id", {"delivery_id": None}),
                             ("sequence_below_one", {"pickup_sequence": 0}),
                             ("negative_pickup_wait", {"pickup_wait_time_minutes": -1}),
                             ("satisfaction_out_of_range", {"customer_satisfaction_score": 9})],
    "raw_batch_waypoints": [("missing_batch_id", {"batch_id": None}),
                            ("unknown_waypoint_type", {"waypoint_type": "rest"}),
                            ("sequence_below_one", {"sequence_order": 0}),
                            ("coordinates_off_the_globe", {"waypoint_lat": 137.7}),
                            ("negative_distance", {"distance_to_next_miles": "-1.00"})],
    "raw_batch_state_changes": [("missing_batch_id", {"batch_id": None}), ("missing_changed_at", {"changed_at": None}),
                                ("change_after_load", {"changed_at": "2026-03-03 10:00"}),
                                ("unknown_state", {"new_state": "teleporting"})],
}


def _delivery_cases() -> dict[str, list[tuple[str | None, Row]]]:
    """For each table: the good row, one row per rule (a new id each), and a row with a null key."""
    cases: dict[str, list[tuple[str | None, Row]]] = {}
    for table, good in GOOD_DELIVERY.items():
        good = {**good, "_loaded_at": L4}
        key = next(iter(good))
        cases[table] = [(None, contract_row(table, good)),
                        (f"null_{key}", contract_row(table, good, **{key: None}))]
        cases[table] += [(reason, contract_row(table, good, **{key: 1000 + n, **change}))
                         for n, (reason, change) in enumerate(BROKEN_DELIVERY[table])]
    return cases


CASES["delivery"] = _delivery_cases()


STAGING = {
    "raw_crm_companies": "staging.stg_company_activity__crm_companies",
    "raw_product_usage_api": "staging.stg_company_activity__product_usage_api where quarantine_reason is null",
    "raw_product_events": "staging.stg_company_activity__product_events where quarantine_reason is null",
    "raw_posts": "staging.stg_social__posts where quarantine_reason is null",
    "raw_engagement_events": "social.fact_engagement_events",
    "raw_social_users": "staging.stg_social__users",
    "raw_playback_events": "streaming.fact_viewing_events",
    "raw_content": "staging.stg_streaming__content",
    "raw_devices": "staging.stg_streaming__devices",
    "raw_profiles": "staging.stg_streaming__profiles",
    "raw_rides": "rideshare.fact_rides",
    "raw_ride_segments": "rideshare.fact_ride_segments",
    "raw_ride_requests": "staging.stg_rideshare__ride_requests",
    "raw_rideshare_users": "staging.stg_rideshare__users",
    "raw_vehicles": "staging.stg_rideshare__vehicles",
    "raw_locations": "staging.stg_rideshare__locations",
    **{table: "staging.stg_delivery__" + table.removeprefix("raw_") for table in GOOD_DELIVERY},
}


@pytest.mark.parametrize("domain", sorted(CASES))
def test_every_rule_quarantines_the_row_that_breaks_it(domain: str, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        create_raw_tables(con, domain)
        for table, cases in CASES[domain].items():
            marks = ", ".join("?" * len(cases[0][1]))
            con.executemany(f"insert into raw.{table} values ({marks})", [list(values) for _, values in cases])
    run_dbt(["seed", "--select", "path:seeds/reference"], warehouse)
    run_dbt(domain_build(domain), warehouse)  # includes the raw-rows conservation tests

    expected = sorted((table, reason) for table, cases in CASES[domain].items() for reason, _ in cases if reason)
    quarantined = rows(warehouse, f"select source_table, reason from staging.{domain}_quarantine order by all")
    assert quarantined == expected
    for table in CASES[domain]:
        assert rows(warehouse, f"select count(*) from {STAGING[table]}") == [(1,)], table
