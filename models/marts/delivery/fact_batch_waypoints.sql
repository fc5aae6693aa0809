-- One row per stop of a batch's route, with the arrival's delay against its estimate.
with

waypoints as (
    select * from {{ ref('stg_delivery__batch_waypoints') }}
),

final as (
    select
        cast(waypoint_id as bigint) as waypoint_id,
        cast(batch_id as bigint) as batch_id,
        cast(delivery_id as bigint) as delivery_id,
        cast(waypoint_type as {{ dbt.type_string() }}) as waypoint_type,
        cast(sequence_order as integer) as sequence_order,
        cast(waypoint_lat as {{ type_double() }}) as waypoint_lat,
        cast(waypoint_lng as {{ type_double() }}) as waypoint_lng,
        cast(estimated_arrival_time as timestamp) as estimated_arrival_time,
        cast(actual_arrival_time as timestamp) as actual_arrival_time,
        cast({{ minutes_between('estimated_arrival_time', 'actual_arrival_time') }} as {{ type_double() }})
            as arrival_delay_minutes,
        cast(distance_to_next_miles as decimal(6, 2)) as distance_to_next_miles
    from waypoints
)

select * from final
