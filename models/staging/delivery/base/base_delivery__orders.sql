{{ config(materialized='ephemeral', meta={'record_key': ['order_id']}) }}
-- Every row of raw.raw_orders, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__orders and delivery_quarantine rank what it judged.
with

renamed as (
    select
        -- ids
        cast(order_id as bigint) as order_id,
        cast(customer_id as bigint) as customer_id,
        cast(restaurant_id as bigint) as restaurant_id,
        -- strings
        lower(trim(order_status)) as order_status,
        -- numerics
        cast(order_total_cents as integer) as order_total_cents,
        cast(item_count as integer) as item_count,
        cast(estimated_prep_time_minutes as integer) as estimated_prep_time_minutes,
        cast(delivery_fee_cents as integer) as delivery_fee_cents,
        cast(tip_amount_cents as integer) as tip_amount_cents,
        cast(delivery_address_lat as {{ type_double() }}) as delivery_address_lat,
        cast(delivery_address_lng as {{ type_double() }}) as delivery_address_lng,
        -- booleans
        coalesce(cast(has_hot_items as boolean), false) as has_hot_items,
        coalesce(cast(has_cold_items as boolean), false) as has_cold_items,
        coalesce(cast(has_alcohol as boolean), false) as has_alcohol,
        -- timestamps
        cast(order_timestamp as timestamp) as order_timestamp,
        cast(_loaded_at as timestamp) as _loaded_at
    from {{ source('delivery', 'raw_orders') }}
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_customer_id', 'broken_when': 'customer_id is null'},
        {'reason': 'missing_restaurant_id', 'broken_when': 'restaurant_id is null'},
        {'reason': 'missing_order_timestamp', 'broken_when': 'order_timestamp is null'},
        {'reason': 'order_after_load', 'broken_when': 'order_timestamp > _loaded_at'},
        {'reason': 'unknown_order_status',
         'broken_when': "coalesce(order_status not in ('placed', 'confirmed', 'preparing', 'ready', 'picked_up',"
             ~ " 'delivered', 'cancelled'), true)"},
        {'reason': 'negative_money',
         'broken_when': 'order_total_cents < 0 or delivery_fee_cents < 0 or tip_amount_cents < 0'},
        {'reason': 'no_items', 'broken_when': 'coalesce(item_count < 1, true)'},
    ]) }}
)

select * from judged
