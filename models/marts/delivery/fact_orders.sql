-- One row per order, with the restaurant version in effect when it was placed and its date partition.
with

orders as (
    select * from {{ ref('stg_delivery__orders') }}
),

restaurants as (
    select * from {{ ref('int_delivery__restaurants_history') }}
),

customers as (
    select * from {{ ref('dim_customers') }}
),

final as (
    select
        cast(orders.order_id as bigint) as order_id,
        cast(customers.customer_key as {{ dbt.type_string() }}) as customer_key,
        cast(orders.customer_id as bigint) as customer_id,
        cast(restaurants.restaurant_key as {{ dbt.type_string() }}) as restaurant_key,
        cast(orders.restaurant_id as bigint) as restaurant_id,
        cast(orders.order_timestamp as timestamp) as order_timestamp,
        cast(orders.order_total_cents as integer) as order_total_cents,
        cast(orders.item_count as integer) as item_count,
        cast(orders.order_status as {{ dbt.type_string() }}) as order_status,
        cast(orders.estimated_prep_time_minutes as integer) as estimated_prep_time_minutes,
        cast(orders.has_hot_items as boolean) as has_hot_items,
        cast(orders.has_cold_items as boolean) as has_cold_items,
        cast(orders.has_alcohol as boolean) as has_alcohol,
        cast(orders.delivery_fee_cents as integer) as delivery_fee_cents,
        cast(orders.tip_amount_cents as integer) as tip_amount_cents,
        cast(orders.delivery_address_lat as {{ type_double() }}) as delivery_address_lat,
        cast(orders.delivery_address_lng as {{ type_double() }}) as delivery_address_lng,
        cast(orders.order_timestamp as date) as date_partition
    from orders
    left join restaurants
        on
            orders.restaurant_id = restaurants.restaurant_id
            and {{ in_effect_at('restaurants', 'orders.order_timestamp') }}
    left join customers
        on orders.customer_id = customers.customer_id
)

select * from final
