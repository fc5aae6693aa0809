-- The restaurant metrics of seed 003, scenario 11: one row per restaurant and order date with at
-- least one order. An order counts on the date it was placed; revenue is the food of delivered
-- orders (no fees or tips); a repeat order is one from a customer who had ordered from the same
-- restaurant before (earlier, or at the same time with a smaller order id).
with

orders as (
    select * from {{ ref('fact_orders') }}
),

deliveries as (
    select * from {{ ref('fact_deliveries') }}
),

context as (
    select * from {{ ref('vw_delivery_batch_context') }}
),

orders_numbered as (
    select
        *,
        row_number() over (
            partition by customer_id, restaurant_id order by order_timestamp, order_id
        ) as customer_order_number
    from orders
),

delivery_waits as (
    -- each delivery of an order: batched or not, and how long the driver waited for the food
    select
        deliveries.order_id,
        case when context.delivery_type = 'batched' then 1 else 0 end as is_batched,
        case
            when
                context.delivery_type = 'batched'
                then cast(context.pickup_wait_time_minutes as {{ type_double() }})
            else {{ minutes_between('deliveries.driver_arrived_at_restaurant_at', 'deliveries.picked_up_at') }}
        end as pickup_wait_minutes
    from deliveries
    inner join context
        on deliveries.delivery_id = context.delivery_id
),

order_pickups as (
    select
        order_id,
        max(is_batched) as is_batched,
        {{ stable_avg('pickup_wait_minutes') }} as pickup_wait_minutes
    from delivery_waits
    group by order_id
),

daily as (
    select
        orders_numbered.restaurant_id,
        orders_numbered.date_partition as order_date,
        count(*) as orders,
        sum(case when orders_numbered.order_status = 'delivered' then 1 else 0 end) as completed_orders,
        sum(case when orders_numbered.order_status = 'delivered' then orders_numbered.order_total_cents else 0 end)
            as revenue_cents,
        avg(cast(orders_numbered.estimated_prep_time_minutes as {{ type_double() }})) as avg_prep_time_minutes,
        sum(case when orders_numbered.customer_order_number > 1 then 1 else 0 end) as repeat_customer_orders,
        sum(coalesce(order_pickups.is_batched, 0)) as batched_orders,
        {{ stable_avg('order_pickups.pickup_wait_minutes') }} as avg_pickup_wait_minutes
    from orders_numbered
    left join order_pickups
        on orders_numbered.order_id = order_pickups.order_id
    group by orders_numbered.restaurant_id, orders_numbered.date_partition
),

final as (
    select
        cast({{ surrogate_key(['restaurant_id', 'order_date']) }} as {{ dbt.type_string() }}) as restaurant_day_key,
        cast(restaurant_id as bigint) as restaurant_id,
        cast(order_date as date) as order_date,
        cast(orders as integer) as orders,
        cast(completed_orders as integer) as completed_orders,
        cast(revenue_cents as bigint) as revenue_cents,
        cast(cast(revenue_cents as {{ type_double() }}) / nullif(completed_orders, 0) as {{ type_double() }})
            as avg_order_value_cents,
        cast(avg_prep_time_minutes as {{ type_double() }}) as avg_prep_time_minutes,
        cast(repeat_customer_orders as integer) as repeat_customer_orders,
        cast(batched_orders as integer) as batched_orders,
        cast(avg_pickup_wait_minutes as {{ type_double() }}) as avg_pickup_wait_minutes
    from daily
)

select * from final
