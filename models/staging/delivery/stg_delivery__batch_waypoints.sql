-- One row per stop of a batch's route: the newest good row of each waypoint_id.
with

classified as (
    {{ rank_raw_rows(ref('base_delivery__batch_waypoints')) }}
),

final as (
    select
        waypoint_id,
        batch_id,
        delivery_id,
        waypoint_type,
        sequence_order,
        waypoint_lat,
        waypoint_lng,
        estimated_arrival_time,
        actual_arrival_time,
        distance_to_next_miles,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
