-- Seed 003, scenario 9, query 5: how batching touches each restaurant, over the orders placed in
-- the 30 days ending on the delivery as-of date, for restaurants with at least var
-- min_restaurant_orders (default 50, the seed's threshold). The restaurant's attributes come from
-- the current version of dim_restaurants; a delivery's batch is its non-cancelled one (the seed's
-- join on delivery_id would count a delivery again for a cancelled batch). An individual pickup
-- wait runs from the driver's arrival at the restaurant to the pickup, as in fact_restaurant_daily
-- (the seed measures from the assignment, which includes the drive). The fast pickup rate is a
-- fraction.
with

orders as (
    select
        orders.order_id,
        orders.restaurant_id,
        deliveries.driver_arrived_at_restaurant_at,
        deliveries.picked_up_at,
        context.delivery_type,
        batch_deliveries.pickup_sequence,
        batch_deliveries.pickup_wait_time_minutes,
        batch_deliveries.actual_pickup_time,
        batch_deliveries.estimated_pickup_time
    from {{ ref('fact_orders') }} as orders
    inner join {{ ref('fact_deliveries') }} as deliveries
        on orders.order_id = deliveries.order_id
    inner join {{ ref('vw_delivery_batch_context') }} as context
        on deliveries.delivery_id = context.delivery_id
    left join {{ ref('fact_batch_deliveries') }} as batch_deliveries
        on context.batch_id = batch_deliveries.batch_id and context.delivery_id = batch_deliveries.delivery_id
    where {{ delivery__in_window('orders.date_partition', 30) }}
),

per_restaurant as (
    select
        restaurant_id,
        count(distinct order_id) as total_orders,
        count(distinct case when delivery_type = 'batched' then order_id end) as batched_orders,
        avg(case when delivery_type = 'batched' then cast(pickup_wait_time_minutes as double) end)
            as avg_batch_pickup_wait,
        avg(
            case
                when delivery_type = 'individual'
                    then {{ minutes_between('driver_arrived_at_restaurant_at', 'picked_up_at') }}
            end
        ) as avg_individual_pickup_wait,
        avg(
            case
                when delivery_type = 'batched' and pickup_sequence = 1
                    then {{ minutes_between('estimated_pickup_time', 'actual_pickup_time') }}
            end
        ) as avg_first_pickup_delay,
        avg(
            case
                when delivery_type = 'batched' and pickup_sequence > 1
                    then {{ minutes_between('estimated_pickup_time', 'actual_pickup_time') }}
            end
        ) as avg_subsequent_pickup_delay,
        cast(sum(case when delivery_type = 'batched' and pickup_wait_time_minutes <= 5 then 1 else 0 end) as double)
        / nullif(sum(case when delivery_type = 'batched' then 1 else 0 end), 0) as fast_batch_pickup_rate
    from orders
    group by restaurant_id
)

select
    restaurants.restaurant_id,
    restaurants.restaurant_name,
    restaurants.can_handle_batch_pickups,
    per_restaurant.total_orders,
    per_restaurant.batched_orders,
    per_restaurant.avg_batch_pickup_wait,
    per_restaurant.avg_individual_pickup_wait,
    per_restaurant.avg_first_pickup_delay,
    per_restaurant.avg_subsequent_pickup_delay,
    per_restaurant.fast_batch_pickup_rate
from per_restaurant
inner join {{ ref('dim_restaurants') }} as restaurants
    on per_restaurant.restaurant_id = restaurants.restaurant_id and restaurants.is_current
where per_restaurant.total_orders >= {{ var('min_restaurant_orders', 50) }}
order by per_restaurant.fast_batch_pickup_rate desc nulls last, restaurants.restaurant_id asc
