-- One row per order: the newest good row of each order_id (an order is re-sent as its status moves on).
with

classified as (
    {{ rank_raw_rows(ref('base_delivery__orders')) }}
),

final as (
    select
        order_id,
        customer_id,
        restaurant_id,
        order_timestamp,
        order_total_cents,
        item_count,
        order_status,
        estimated_prep_time_minutes,
        has_hot_items,
        has_cold_items,
        has_alcohol,
        delivery_fee_cents,
        tip_amount_cents,
        delivery_address_lat,
        delivery_address_lng,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
