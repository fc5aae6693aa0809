-- One row per delivery: the newest good row of each delivery_id.
with

classified as (
    {{ rank_raw_rows(ref('base_delivery__deliveries')) }}
),

final as (
    select
        delivery_id,
        order_id,
        driver_id,
        delivery_created_at,
        assigned_to_driver_at,
        driver_arrived_at_restaurant_at,
        picked_up_at,
        delivered_at,
        estimated_delivery_time_minutes,
        delivery_distance_miles,
        delivery_status,
        cancellation_reason,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
