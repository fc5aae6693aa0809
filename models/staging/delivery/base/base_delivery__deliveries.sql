{{ config(materialized='ephemeral', meta={'record_key': ['delivery_id']}) }}
-- Every row of raw.raw_deliveries, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__deliveries and delivery_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('delivery', 'raw_deliveries') }}
),

renamed as (
    select
        -- ids
        delivery_id,
        order_id,
        driver_id,
        -- strings
        lower(trim(delivery_status)) as delivery_status,
        {{ free_text('cancellation_reason') }} as cancellation_reason,
        -- numerics
        estimated_delivery_time_minutes,
        delivery_distance_miles,
        -- timestamps
        delivery_created_at,
        assigned_to_driver_at,
        driver_arrived_at_restaurant_at,
        picked_up_at,
        delivered_at,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_order_id', 'broken_when': 'order_id is null'},
        {'reason': 'missing_created_at', 'broken_when': 'delivery_created_at is null'},
        {'reason': 'delivery_after_load', 'broken_when': 'delivery_created_at > _loaded_at'},
        {'reason': 'unknown_delivery_status',
         'broken_when': "coalesce(delivery_status not in ('created', 'assigned', 'en_route_to_restaurant',"
             ~ " 'at_restaurant', 'picked_up', 'en_route_to_customer', 'delivered', 'cancelled'), true)"},
        {'reason': 'delivered_before_created', 'broken_when': 'delivered_at < delivery_created_at'},
        {'reason': 'negative_distance', 'broken_when': 'delivery_distance_miles < 0'},
    ]) }}
)

select * from judged
