{{ config(materialized='ephemeral', meta={'record_key': ['waypoint_id']}) }}
-- Every row of raw.raw_batch_waypoints, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__batch_waypoints and delivery_quarantine rank what it judged.
with

renamed as (
    select
        -- ids
        cast(waypoint_id as bigint) as waypoint_id,
        cast(batch_id as bigint) as batch_id,
        cast(delivery_id as bigint) as delivery_id,
        -- strings
        lower(trim(waypoint_type)) as waypoint_type,
        -- numerics
        cast(sequence_order as integer) as sequence_order,
        cast(waypoint_lat as {{ type_double() }}) as waypoint_lat,
        cast(waypoint_lng as {{ type_double() }}) as waypoint_lng,
        cast(distance_to_next_miles as decimal(6, 2)) as distance_to_next_miles,
        -- timestamps
        cast(estimated_arrival_time as timestamp) as estimated_arrival_time,
        cast(actual_arrival_time as timestamp) as actual_arrival_time,
        cast(_loaded_at as timestamp) as _loaded_at
    from {{ source('delivery', 'raw_batch_waypoints') }}
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
