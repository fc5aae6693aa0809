"""Hand-made delivery rows loaded straight into `raw` in two batches give the answers the delivery
contract defines, after each batch, and the seed's five analyses run on them.

Batch 1 (loaded 2026-06-02 06:00) holds 2026-06-01:
* restaurant 1 (Pizza, prep 20) and 2 (Sushi); drivers 7 (standard) and 8; customers 9 and 10.
* orders o1, o2 (customer 9 at restaurant 1: o2 is a repeat), o3 (customer 10 at restaurant 2),
  o4 (customer 10 at restaurant 1, cancelled).
* batch 50 took d1 and was cancelled; batch 51 then took d1 and d2 (picked up d1 first, dropped off
  d2 first), with its route and states, and dispatch reported 3 deliveries for it. d3 went alone.
Batch 2 (loaded 2026-06-03 06:00): the new exports say restaurant 1 takes 30 minutes and driver 7
is premium (both exports dated 2026-06-03); dispatch corrects batch 51's total to 2; customer 9 orders
again at 01:00 on 2026-06-03 (o5, driver 7, alone), under the new versions.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from dwh.dbt import run_dbt

from .conftest import built_batch_by_batch, rows
from .handmade import insert

DOMAIN = "delivery"
B1, B2 = "2026-06-02 06:00:00", "2026-06-03 06:00:00"
D1, D2 = "2026-06-01 ", "2026-06-03 "
FIXED = {"has_hot_items": True, "has_cold_items": False, "has_alcohol": False, "delivery_fee_cents": 299,
         "tip_amount_cents": 100, "delivery_address_lat": 37.78, "delivery_address_lng": -122.41}


def exports(loaded: str, export: str, prep: int, tier: str) -> str:
    return (
        insert("raw_restaurants", loaded, *(
            {"restaurant_id": r, "restaurant_external_id": f"R{r}", "restaurant_name": name, "cuisine_type": "any",
             "restaurant_lat": 37.77, "restaurant_lng": -122.42, "avg_prep_time_minutes": minutes,
             "can_handle_batch_pickups": True, "is_partner_restaurant": False, "export_date": export}
            for r, name, minutes in ((1, "Pizza", prep), (2, "Sushi", 25))))
        + insert("raw_drivers", loaded, *(
            {"driver_id": d, "driver_external_id": f"DRV{d}", "driver_since_date": "2025-01-01",
             "driver_status": "active", "vehicle_type": "car", "has_insulated_bag": True, "max_batch_capacity": 4,
             "driver_tier": t, "export_date": export}
            for d, t in ((7, tier), (8, "new"))))
    )


def order(order_id: int, customer: int, restaurant: int, at: str, cents: int, status: str = "delivered",
          prep: int = 20) -> dict[str, object]:
    return {"order_id": order_id, "customer_id": customer, "restaurant_id": restaurant, "order_timestamp": at,
            "order_total_cents": cents, "item_count": 2, "order_status": status, "estimated_prep_time_minutes": prep,
            **FIXED}


def delivery(delivery_id: int, order_id: int, driver: int, created: str, arrived: str | None, picked: str | None,
             delivered: str | None, status: str = "delivered") -> dict[str, object]:
    return {"delivery_id": delivery_id, "order_id": order_id, "driver_id": driver, "delivery_created_at": created,
            "assigned_to_driver_at": created, "driver_arrived_at_restaurant_at": arrived, "picked_up_at": picked,
            "delivered_at": delivered, "estimated_delivery_time_minutes": 40, "delivery_distance_miles": "2.00",
            "delivery_status": status, "cancellation_reason": "customer_request" if status == "cancelled" else None}


def batch(reported: int, loaded: str) -> str:
    return insert("raw_delivery_batches", loaded, {
        "batch_id": 51, "driver_id": 7, "batching_algorithm_key": 1, "batch_created_at": D1 + "12:10:00",
        "batch_assigned_at": D1 + "12:12:00", "batch_started_at": D1 + "12:15:00",
        "batch_completed_at": D1 + "12:50:00", "total_deliveries": reported, "planned_total_distance_miles": "4.00",
        "actual_total_distance_miles": "4.50", "planned_total_time_minutes": 30, "batch_efficiency_score": "0.8500",
        "batch_status": "completed"})


BATCH_1 = (
    exports(B1, "2026-06-02", 20, "standard")
    + insert("raw_customers", B1,
             {"customer_id": 9, "full_name": "Alice Eater", "email": "alice@example.com", "city": "SF",
              "signup_at": "2025-01-01 00:00:00"},
             {"customer_id": 10, "full_name": "Bob Eater", "email": "bob@example.com", "city": "SF",
              "signup_at": "2025-01-01 00:00:00"})
    + insert("raw_batching_algorithms", B1, *(
        {"batching_algorithm_key": key, "algorithm_name": name, "algorithm_version": "v1", "max_batch_size": size,
         "max_total_distance_miles": "8.00", "deployed_at": "2024-01-01 00:00:00", "traffic_percentage": "0.5000"}
        for key, name, size in ((1, "nearest_neighbor", 4), (4, "no_batching", 1))))
    + insert("raw_orders", B1, order(1, 9, 1, D1 + "12:00:00", 1000), order(2, 9, 1, D1 + "12:05:00", 3000),
             order(3, 10, 2, D1 + "12:10:00", 2000), order(4, 10, 1, D1 + "18:00:00", 500, "cancelled"))
    + insert("raw_deliveries", B1,
             delivery(101, 1, 7, D1 + "12:01:00", D1 + "12:20:00", D1 + "12:24:00", D1 + "12:45:00"),
             delivery(102, 2, 7, D1 + "12:06:00", D1 + "12:25:00", D1 + "12:31:00", D1 + "12:38:00"),
             delivery(103, 3, 8, D1 + "12:11:00", D1 + "12:30:00", D1 + "12:33:00", D1 + "12:55:00"),
             delivery(104, 4, 8, D1 + "18:01:00", None, None, None, "cancelled"))
    + insert("raw_delivery_batches", B1, {
        "batch_id": 50, "driver_id": 8, "batching_algorithm_key": 1, "batch_created_at": D1 + "12:02:00",
        "batch_assigned_at": D1 + "12:03:00", "total_deliveries": 1, "batch_status": "cancelled",
        "cancellation_reason": "driver_declined"})
    + batch(3, B1)
    + insert("raw_batch_deliveries", B1,
             {"batch_delivery_id": 500, "batch_id": 50, "delivery_id": 101, "pickup_sequence": 1,
              "dropoff_sequence": 1},
             {"batch_delivery_id": 511, "batch_id": 51, "delivery_id": 101, "pickup_sequence": 1,
              "dropoff_sequence": 2, "estimated_pickup_time": D1 + "12:22:00", "actual_pickup_time": D1 + "12:24:00",
              "estimated_dropoff_time": D1 + "12:40:00", "actual_dropoff_time": D1 + "12:45:00",
              "pickup_wait_time_minutes": 4, "customer_satisfaction_score": 4},
             {"batch_delivery_id": 512, "batch_id": 51, "delivery_id": 102, "pickup_sequence": 2,
              "dropoff_sequence": 1, "estimated_pickup_time": D1 + "12:30:00", "actual_pickup_time": D1 + "12:31:00",
              "estimated_dropoff_time": D1 + "12:40:00", "actual_dropoff_time": D1 + "12:38:00",
              "pickup_wait_time_minutes": 6})
    + insert("raw_batch_waypoints", B1, *(
        {"waypoint_id": 5100 + n, "batch_id": 51, "delivery_id": d, "waypoint_type": kind, "sequence_order": n,
         "waypoint_lat": 37.77, "waypoint_lng": -122.42, "estimated_arrival_time": D1 + est,
         "actual_arrival_time": D1 + act, "distance_to_next_miles": miles}
        for n, (d, kind, est, act, miles) in enumerate((
            (None, "driver_start", "12:15:00", "12:15:00", "1.00"), (101, "restaurant", "12:20:00", "12:20:00", "0.50"),
            (102, "restaurant", "12:24:00", "12:25:00", "1.50"), (102, "customer", "12:40:00", "12:38:00", "1.00"),
            (101, "customer", "12:40:00", "12:45:00", "0.50"), (None, "driver_end", "12:50:00", "12:50:00", None)),
            start=1)))
    + insert("raw_batch_state_changes", B1, *(
        {"state_change_id": sid, "batch_id": b, "changed_at": D1 + at, "previous_state": before, "new_state": after,
         "change_trigger": "system"}
        for sid, b, at, before, after in (
            (1, 50, "12:02:00", None, "created"), (2, 50, "12:03:00", "created", "assigned"),
            (3, 50, "12:09:00", "assigned", "cancelled"), (4, 51, "12:10:00", None, "created"),
            (5, 51, "12:12:00", "created", "assigned"), (6, 51, "12:15:00", "assigned", "in_progress"),
            (7, 51, "12:50:00", "in_progress", "completed"))))
)
BATCH_2 = (
    exports(B2, "2026-06-03", 30, "premium")
    + batch(2, B2)
    + insert("raw_orders", B2, order(5, 9, 1, D2 + "01:00:00", 700, prep=30))
    + insert("raw_deliveries", B2,
             delivery(105, 5, 7, D2 + "01:01:00", D2 + "01:10:00", D2 + "01:12:00", D2 + "01:30:00"))
)


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The warehouse after batch 1 and after batch 2."""
    return built_batch_by_batch(tmp_path_factory.mktemp("delivery_batches"), DOMAIN, BATCH_1, BATCH_2)


def test_batch_total_is_counted_and_the_reported_one_kept_beside_it(batches: dict[int, Path]) -> None:
    query = ("select batch_id, total_deliveries, reported_total_deliveries, total_deliveries_matches, "
             "batch_duration_minutes from delivery.fact_delivery_batches order by 1")
    assert rows(batches[1], query) == [(50, 1, 1, True, None), (51, 2, 3, False, 35.0)]
    assert rows(batches[1], "select batch_id from audit.delivery_batch_total_disagreements") == [(51,)]
    assert rows(batches[2], query)[1] == (51, 2, 2, True, 35.0)
    assert rows(batches[2], "select count(*) from audit.delivery_batch_total_disagreements") == [(0,)]


def test_context_counts_each_delivery_once_in_its_live_batch(batches: dict[int, Path]) -> None:
    assert rows(batches[2], """
        select delivery_id, batch_id, delivery_type, batch_size, algorithm_name, delivery_delay_minutes,
               individual_delivery_time, date_partition::varchar
        from delivery.vw_delivery_batch_context order by 1""") == [
        (101, 51, "batched", 2, "nearest_neighbor", 5.0, 44.0, "2026-06-01"),
        (102, 51, "batched", 2, "nearest_neighbor", -2.0, 32.0, "2026-06-01"),
        (103, None, "individual", None, None, None, 44.0, "2026-06-01"),
        (104, None, "individual", None, None, None, None, "2026-06-01"),
        (105, None, "individual", None, None, None, 29.0, "2026-06-03")]


def test_facts_take_the_version_in_effect(batches: dict[int, Path]) -> None:
    assert rows(batches[2], """
        select orders.order_id, restaurants.avg_prep_time_minutes
        from delivery.fact_orders as orders
        inner join delivery.dim_restaurants as restaurants on orders.restaurant_key = restaurants.restaurant_key
        where orders.restaurant_id = 1 order by 1""") == [(1, 20), (2, 20), (4, 20), (5, 30)]
    assert rows(batches[2], """
        select deliveries.delivery_id, drivers.driver_tier
        from delivery.fact_deliveries as deliveries
        inner join delivery.dim_drivers as drivers on deliveries.driver_key = drivers.driver_key
        where deliveries.driver_id = 7 order by 1""") == [(101, "standard"), (102, "standard"), (105, "premium")]
    assert rows(batches[2], "select driver_id, driver_tier, is_current from delivery.dim_drivers "
                            "where driver_id = 7 order by valid_from") == [(7, "standard", False), (7, "premium", True)]


def test_snapshots_record_the_history_the_exports_give(batches: dict[int, Path]) -> None:
    for warehouse in batches.values():
        for entity, key, attribute in (("drivers", "driver_id", "driver_tier"),
                                       ("restaurants", "restaurant_id", "avg_prep_time_minutes")):
            snapshot = rows(warehouse, f"select {key}, {attribute}, dbt_valid_from, dbt_valid_to "
                                       f"from snapshots.snap_delivery__{entity} order by 1, 3")
            history = rows(warehouse, f"select {key}, {attribute}, valid_from, valid_to "
                                      f"from intermediate.int_delivery__{entity}_history order by 1, 3")
            assert snapshot == history, entity


def test_restaurant_daily(batches: dict[int, Path]) -> None:
    assert rows(batches[2], """
        select restaurant_id, order_date::varchar, orders, completed_orders, revenue_cents, avg_order_value_cents,
               avg_prep_time_minutes, repeat_customer_orders, batched_orders, avg_pickup_wait_minutes
        from delivery.fact_restaurant_daily order by 1, 2""") == [
        (1, "2026-06-01", 3, 2, 4000, 2000.0, 20.0, 1, 2, 5.0),  # waits 4 and 6 (batched)
        (1, "2026-06-03", 1, 1, 700, 700.0, 30.0, 1, 0, 2.0),  # arrival 01:10, pickup 01:12
        (2, "2026-06-01", 1, 1, 2000, 2000.0, 20.0, 0, 0, 3.0)]


def test_customers_appear_without_personal_data(batches: dict[int, Path]) -> None:
    text = str(rows(batches[2], "select * from delivery.dim_customers"))
    assert "Alice" not in text and "alice@" not in text
    assert rows(batches[2], "select email_masked from delivery.dim_customers order by customer_id") == [
        ("a***@example.com",), ("b***@example.com",)]


def test_the_seed_analyses_answer_on_hand_made_rows(batches: dict[int, Path]) -> None:
    """All five run with the seed's thresholds lowered to this tiny data set and its as-of date."""
    run_dbt(["compile", "--select", "path:analyses/delivery", "--vars",
             "{run_date: '2026-06-03', min_driver_deliveries: 1, min_restaurant_orders: 1}"], batches[2])
    compiled = Path(os.environ["DBT_TARGET_PATH"]) / "compiled" / "warehouse" / "analyses" / "delivery"
    with duckdb.connect(str(batches[2]), read_only=True) as con:
        answers = {path.stem: con.execute(path.read_text()).fetchall() for path in compiled.glob("*.sql")}
    assert answers["batched_vs_individual_performance"] == [
        ("batched", "nearest_neighbor", 2, 38.0, 1.5, 0.85, 1.0),
        ("individual", "N/A", 3, pytest.approx(36.5), 0.0, 1.0, 1.0)]
    (algorithm,) = answers["algorithm_effectiveness"]
    assert algorithm[:4] == ("nearest_neighbor", "v1", 2, 2) and algorithm[-1] == 0.5  # one of two batches cancelled
    (route,) = answers["route_optimization"]
    assert route[0] == "nearest_neighbor" and route[4] == pytest.approx(4.5 / 4.0) and route[5] == 4.0
    drivers = {row[0]: row for row in answers["driver_batching_performance"]}
    assert drivers[7][3:5] == (1, 2) and drivers[7][-1] == "excellent" and drivers[8][-1] == "no_batches"
    restaurants = {row[0]: row for row in answers["restaurant_batching_impact"]}
    assert restaurants[1][3:5] == (4, 2) and restaurants[1][-1] == 0.5  # waits 4 (fast) and 6
