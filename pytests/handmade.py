"""Hand-made raw rows for the tests that load `raw` straight, batch by batch: one record is a dict
of the columns it sets; the others are null, and every row of a batch gets the batch's stamp. And
one hand-made day of landing files, a file per raw table, for the tests of `dwh run`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from dwh.contracts import input_contract


def literal(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def insert(table: str, loaded: str, *records: dict[str, object]) -> str:
    """SQL inserting `records` into raw.`table`, stamped `loaded`."""
    columns = [name for name, _ in input_contract()[table].columns]
    unknown = {key for record in records for key in record} - set(columns)
    assert not unknown, f"{table} has no column {sorted(unknown)}"
    values = ",\n".join(
        "(" + ", ".join(literal({**record, "_loaded_at": loaded}.get(c)) for c in columns) + ")" for record in records)
    return f"insert into raw.{table} ({', '.join(columns)}) values\n{values};\n"


def write_day(folder: Path, day: datetime) -> None:
    """One small day of landing files, one per raw table, dated `day` (before now)."""
    folder.mkdir(parents=True, exist_ok=True)
    d, t = day.strftime("%Y-%m-%d"), day.strftime("%Y-%m-%d %H:%M:%S")
    (folder / "raw_crm_companies__export.csv").write_text(
        "company_id,name,country,industry_tag,last_contact_at,export_date\n"
        f"A,Acme,GB,saas,,{d}\nB,Beta,de,retail,{t},{d}\n")
    (folder / "raw_product_usage_api__pull.ndjson").write_text(
        f'{{"company_id": "A", "date": "{d}", "active_users": 1, "events": 2}}\n')
    (folder / "raw_product_events__telemetry.ndjson").write_text(
        f'{{"event_id": "e1", "company_id": "A", "user_id": "u1", "event_type": "login", "occurred_at": "{t}"}}\n'
        f'{{"event_id": "e2", "company_id": "A", "user_id": "u1", "event_type": "click", "occurred_at": "{t}"}}\n')
    (folder / "raw_posts__posts.ndjson").write_text(
        f'{{"post_id": "p1", "creator_user_id": "s1", "parent_post_id": null, "created_at": "{t}", '
        f'"content_type": "video", "is_deleted": false}}\n'
        f'{{"post_id": "p2", "creator_user_id": "s2", "parent_post_id": "p1", "created_at": "{t}", '
        f'"content_type": "video", "is_deleted": false}}\n')
    (folder / "raw_engagement_events__events.ndjson").write_text(
        f'{{"event_id": "v1", "user_id": "s2", "post_id": "p1", "engagement_type": "view", "event_ts": "{t}", '
        f'"session_id": "x", "platform": "ios", "view_seconds": 4.5}}\n')
    (folder / "raw_social_users__export.csv").write_text(
        "user_id,username,created_at,user_type,is_internal,country,export_date\n"
        f"s1,ann,2025-01-01 00:00:00,creator,false,GB,{d}\ns2,bob,2025-01-01 00:00:00,viewer,false,FR,{d}\n")
    (folder / "raw_playback_events__beacons.ndjson").write_text(
        f'{{"event_id": "b1", "profile_id": "q1", "account_id": "a1", "content_id": "m1", "device_id": "d1", '
        f'"client_session_id": "c1", "event_type": "play", "event_ts": "{t}", "playback_position_seconds": 0, '
        f'"seek_from_seconds": null, "quality": "HD", "autoplay": false}}\n'
        f'{{"event_id": "b2", "profile_id": "q1", "account_id": "a1", "content_id": "m1", "device_id": "d1", '
        f'"client_session_id": "c1", "event_type": "stop", "event_ts": "{t}", "playback_position_seconds": 60, '
        f'"seek_from_seconds": null, "quality": "HD", "autoplay": false}}\n')
    (folder / "raw_content__catalogue.csv").write_text(
        "content_id,title,content_type,series_id,series_title,season_number,episode_number,duration_seconds,"
        f"credits_start_seconds,genre,release_date,export_date\nm1,A Film,movie,,,,,600,540,drama,2025-01-01,{d}\n")
    (folder / "raw_devices__devices.csv").write_text("device_id,device_type,os,app_version\nd1,tv,tizen,7.0\n")
    (folder / "raw_profiles__export.csv").write_text(
        "profile_id,account_id,profile_name,account_plan,country,created_at,export_date\n"
        f"q1,a1,Ann,standard,SE,2025-01-01 00:00:00,{d}\n")
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
