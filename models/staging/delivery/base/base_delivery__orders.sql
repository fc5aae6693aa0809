{{ config(materialized='ephemeral', meta={'record_key': ['order_id']}) }}
-- Every row of raw.raw_orders, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__orders and delivery_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('delivery', 'raw_orders') }}
),

renamed as (
    select
        -- ids
        order_id,
        customer_id,
        restaurant_id,
        -- strings
        lower(trim(order_status)) as order_status,
        -- numerics
        order_total_cents,
        item_count,
        estimated_prep_time_minutes,
        delivery_fee_cents,
        tip_amount_cents,
        delivery_address_lat,
        delivery_address_lng,
        -- booleans
        coalesce(has_hot_items, false) as has_hot_items,
        coalesce(has_cold_items, false) as has_cold_items,
        coalesce(has_alcohol, false) as has_alcohol,
        -- timestamps
        order_timestamp,
        _loaded_at
    from typed
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
