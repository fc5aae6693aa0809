{{ config(materialized='ephemeral', meta={'record_key': ['delivery_id']}) }}
-- Every row of raw.raw_deliveries, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__deliveries and delivery_quarantine rank what it judged.
with

renamed as (
    select
        -- ids
        cast(delivery_id as bigint) as delivery_id,
        cast(order_id as bigint) as order_id,
        cast(driver_id as bigint) as driver_id,
        -- strings
        lower(trim(delivery_status)) as delivery_status,
        {{ free_text('cancellation_reason') }} as cancellation_reason,
        -- numerics
        cast(estimated_delivery_time_minutes as integer) as estimated_delivery_time_minutes,
        cast(delivery_distance_miles as decimal(6, 2)) as delivery_distance_miles,
        -- timestamps
        cast(delivery_created_at as timestamp) as delivery_created_at,
        cast(assigned_to_driver_at as timestamp) as assigned_to_driver_at,
        cast(driver_arrived_at_restaurant_at as timestamp) as driver_arrived_at_restaurant_at,
        cast(picked_up_at as timestamp) as picked_up_at,
        cast(delivered_at as timestamp) as delivered_at,
        cast(_loaded_at as timestamp) as _loaded_at
    from {{ source('delivery', 'raw_deliveries') }}
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
