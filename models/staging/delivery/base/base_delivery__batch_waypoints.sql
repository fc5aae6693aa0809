{{ config(materialized='ephemeral', meta={'record_key': ['waypoint_id']}) }}
-- Every row of raw.raw_batch_waypoints, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__batch_waypoints and delivery_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('delivery', 'raw_batch_waypoints') }}
),

renamed as (
    select
        -- ids
        waypoint_id,
        batch_id,
        delivery_id,
        -- strings
        lower(trim(waypoint_type)) as waypoint_type,
        -- numerics
        sequence_order,
        waypoint_lat,
        waypoint_lng,
        distance_to_next_miles,
        -- timestamps
        estimated_arrival_time,
        actual_arrival_time,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_batch_id', 'broken_when': 'batch_id is null'},
        {'reason': 'unknown_waypoint_type',
         'broken_when': "coalesce(waypoint_type not in ('driver_start', 'restaurant', 'customer', 'driver_end'),"
             ~ " true)"},
        {'reason': 'sequence_below_one', 'broken_when': 'coalesce(sequence_order < 1, true)'},
        {'reason': 'coordinates_off_the_globe',
         'broken_when': 'coalesce(waypoint_lat not between -90 and 90 or waypoint_lng not between -180 and 180,'
             ~ ' true)'},
        {'reason': 'negative_distance', 'broken_when': 'distance_to_next_miles < 0'},
    ]) }}
)

select * from judged
