"""The delivery domain's hand-made quarantine cases (pytests/test_quarantine_rules.py): for each raw
table, one good row (reason None) and one row per quarantine rule that breaks exactly that rule,
in the input contract's column order; and where each table's good row must arrive."""

from __future__ import annotations

from pathlib import Path

from . import Row, contract_row

L4 = "2026-03-02 06:00"  # load stamp
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


QUARANTINE_CASES = _delivery_cases()

STAGED = {table: "staging.stg_delivery__" + table.removeprefix("raw_") for table in GOOD_DELIVERY}


def landing_day(folder: Path, d: str, t: str) -> None:
    """One small day of landing files for `dwh run`, one per raw table (pytests/handmade.py, write_day):
    `d` is the day, `t` a moment in it."""
    (folder / "raw_customers__export.csv").write_text(
        "customer_id,full_name,email,city,signup_at\n9,Cy Eater,cy@example.com,SF,2025-01-01 00:00:00\n")
    (folder / "raw_restaurants__export.csv").write_text(
        "restaurant_id,restaurant_external_id,restaurant_name,cuisine_type,restaurant_lat,restaurant_lng,"
        "avg_prep_time_minutes,can_handle_batch_pickups,is_partner_restaurant,export_date\n"
        f"1,R1,Pizza,italian,37.7,-122.4,20,true,false,{d}\n")
    (folder / "raw_drivers__export.csv").write_text(
        "driver_id,driver_external_id,driver_since_date,driver_status,vehicle_type,has_insulated_bag,"
        f"max_batch_capacity,driver_tier,export_date\n7,D7,2024-01-01,active,car,true,4,standard,{d}\n")
    (folder / "raw_batching_algorithms__algorithms.csv").write_text(
        "batching_algorithm_key,algorithm_name,algorithm_version,max_batch_size,max_total_distance_miles,"
        "deployed_at,deprecated_at,traffic_percentage\n1,nearest_neighbor,v1,4,8.00,2024-01-01 00:00:00,,0.5\n")
    (folder / "raw_orders__orders.ndjson").write_text(
        f'{{"order_id": 1, "customer_id": 9, "restaurant_id": 1, "order_timestamp": "{t}", "order_total_cents": 1200, '
        f'"item_count": 2, "order_status": "placed", "estimated_prep_time_minutes": 15, "has_hot_items": true, '
        f'"has_cold_items": false, "has_alcohol": false, "delivery_fee_cents": 299, "tip_amount_cents": 0, '
        f'"delivery_address_lat": 37.7, "delivery_address_lng": -122.4}}\n')
    (folder / "raw_deliveries__deliveries.ndjson").write_text(
        f'{{"delivery_id": 11, "order_id": 1, "driver_id": 7, "delivery_created_at": "{t}", '
        f'"assigned_to_driver_at": null, "driver_arrived_at_restaurant_at": null, "picked_up_at": null, '
        f'"delivered_at": null, "estimated_delivery_time_minutes": 30, "delivery_distance_miles": 1.5, '
        f'"delivery_status": "created", "cancellation_reason": null}}\n')
    (folder / "raw_delivery_batches__batches.ndjson").write_text(
        f'{{"batch_id": 5, "driver_id": 7, "batching_algorithm_key": 1, "batch_created_at": "{t}", '
        f'"batch_assigned_at": null, "batch_started_at": null, "batch_completed_at": null, "total_deliveries": 1, '
        f'"planned_total_distance_miles": 2.0, "actual_total_distance_miles": null, '
        f'"planned_total_time_minutes": 20, "batch_efficiency_score": 0.9, "batch_status": "created", '
        f'"cancellation_reason": null}}\n')
    (folder / "raw_batch_deliveries__deliveries.ndjson").write_text(
        '{"batch_delivery_id": 51, "batch_id": 5, "delivery_id": 11, "pickup_sequence": 1, "dropoff_sequence": 1, '
        '"estimated_pickup_time": null, "actual_pickup_time": null, "estimated_dropoff_time": null, '
        '"actual_dropoff_time": null, "pickup_wait_time_minutes": null, "customer_satisfaction_score": null}\n')
    (folder / "raw_batch_waypoints__route.ndjson").write_text(
        '{"waypoint_id": 501, "batch_id": 5, "delivery_id": null, "waypoint_type": "driver_start", '
        '"sequence_order": 1, "waypoint_lat": 37.7, "waypoint_lng": -122.4, "estimated_arrival_time": null, '
        '"actual_arrival_time": null, "distance_to_next_miles": null}\n')
    (folder / "raw_batch_state_changes__states.ndjson").write_text(
        f'{{"state_change_id": 1, "batch_id": 5, "changed_at": "{t}", "previous_state": null, '
        f'"new_state": "created", "change_trigger": "system", "affected_delivery_id": null}}\n')


# What the marts hold after `dwh run` loads landing_day alone (pytests/test_daily_run.py)
DAILY_RUN_ANSWERS: dict[str, list[tuple[object, ...]]] = {
    "select batch_id, total_deliveries from delivery.fact_delivery_batches": [(5, 1)]}


# Personal data typed into free text, and what the models hold (pytests/test_personal_data.py)
PERSONAL_DATA_TYPED = [("raw_restaurants", "restaurant_id", "restaurant_name", 1, "Pizza - orders: 070-123 45 67"),
                       ("raw_restaurants", "restaurant_id", "restaurant_name", 2, "bookings@trattoria.example.se")]
PERSONAL_DATA_REDACTED = {
    "select restaurant_name from delivery.dim_restaurants where is_current and restaurant_name like '[%' "
    "order by 1": [("[email redacted]",), ("[phone redacted]",)],
}
PERSONAL_DATA_HEALED = {
    "select count(*) from delivery.dim_restaurants where is_current and restaurant_name like '[%redacted]'": [(0,)],
}
