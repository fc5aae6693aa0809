-- One row per delivery, with its actual delivery time, the driver version in effect when it was
-- created and its date partition.
with

deliveries as (
    select * from {{ ref('stg_delivery__deliveries') }}
),

drivers as (
    select * from {{ ref('int_delivery__drivers_history') }}
),

final as (
    select
        cast(deliveries.delivery_id as bigint) as delivery_id,
        cast(deliveries.order_id as bigint) as order_id,
        cast(drivers.driver_key as {{ dbt.type_string() }}) as driver_key,
        cast(deliveries.driver_id as bigint) as driver_id,
        cast(deliveries.delivery_created_at as timestamp) as delivery_created_at,
        cast(deliveries.assigned_to_driver_at as timestamp) as assigned_to_driver_at,
        cast(deliveries.driver_arrived_at_restaurant_at as timestamp) as driver_arrived_at_restaurant_at,
        cast(deliveries.picked_up_at as timestamp) as picked_up_at,
        cast(deliveries.delivered_at as timestamp) as delivered_at,
        cast(deliveries.estimated_delivery_time_minutes as integer) as estimated_delivery_time_minutes,
        cast({{ minutes_between('deliveries.delivery_created_at', 'deliveries.delivered_at') }} as {{ type_double() }})
            as actual_delivery_time_minutes,
        cast(deliveries.delivery_distance_miles as decimal(6, 2)) as delivery_distance_miles,
        cast(deliveries.delivery_status as {{ dbt.type_string() }}) as delivery_status,
        cast(deliveries.cancellation_reason as {{ dbt.type_string() }}) as cancellation_reason,
        cast(deliveries.delivery_created_at as date) as date_partition
    from deliveries
    left join drivers
        on
            deliveries.driver_id = drivers.driver_id
            and {{ in_effect_at('drivers', 'deliveries.delivery_created_at') }}
)

select * from final
