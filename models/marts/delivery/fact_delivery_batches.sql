-- One row per batch: the dispatch system's columns, the driver version in effect when the batch was
-- created, its duration, and `total_deliveries` counted from the batch's own deliveries, with the
-- figure dispatch reported beside it (a warning test stores the batches where the two disagree).
with

batches as (
    select * from {{ ref('stg_delivery__delivery_batches') }}
),

batch_deliveries as (
    select * from {{ ref('stg_delivery__batch_deliveries') }}
),

deliveries as (
    select * from {{ ref('stg_delivery__deliveries') }}
),

orders as (
    select * from {{ ref('stg_delivery__orders') }}
),

drivers as (
    select * from {{ ref('int_delivery__drivers_history') }}
),

composition as (
    select
        batch_deliveries.batch_id,
        count(*) as total_deliveries,
        count(distinct deliveries.order_id) as total_orders,
        sum(orders.delivery_fee_cents) as total_delivery_fees_cents,
        sum(orders.tip_amount_cents) as total_tips_cents
    from batch_deliveries
    left join deliveries
        on batch_deliveries.delivery_id = deliveries.delivery_id
    left join orders
        on deliveries.order_id = orders.order_id
    group by batch_deliveries.batch_id
),

final as (
    select
        cast(batches.batch_id as bigint) as batch_id,
        cast(batches.driver_id as bigint) as driver_id,
        cast(drivers.driver_key as {{ dbt.type_string() }}) as driver_key,
        cast(batches.batching_algorithm_key as bigint) as batching_algorithm_key,
        cast(batches.batch_created_at as timestamp) as batch_created_at,
        cast(batches.batch_assigned_at as timestamp) as batch_assigned_at,
        cast(batches.batch_started_at as timestamp) as batch_started_at,
        cast(batches.batch_completed_at as timestamp) as batch_completed_at,
        cast(coalesce(composition.total_deliveries, 0) as integer) as total_deliveries,
        cast(batches.total_deliveries as integer) as reported_total_deliveries,
        cast(coalesce(composition.total_deliveries, 0) = batches.total_deliveries as boolean)
            as total_deliveries_matches,
        cast(coalesce(composition.total_orders, 0) as integer) as total_orders,
        cast(batches.planned_total_distance_miles as decimal(6, 2)) as planned_total_distance_miles,
        cast(batches.actual_total_distance_miles as decimal(6, 2)) as actual_total_distance_miles,
        cast(batches.planned_total_time_minutes as integer) as planned_total_time_minutes,
        cast({{ minutes_between('batches.batch_started_at', 'batches.batch_completed_at') }} as {{ type_double() }})
            as batch_duration_minutes,
        cast(composition.total_delivery_fees_cents as bigint) as total_delivery_fees_cents,
        cast(composition.total_tips_cents as bigint) as total_tips_cents,
        cast(batches.batch_efficiency_score as decimal(5, 4)) as batch_efficiency_score,
        cast(batches.batch_status as {{ dbt.type_string() }}) as batch_status,
        cast(batches.cancellation_reason as {{ dbt.type_string() }}) as cancellation_reason,
        cast(batches.batch_created_at as date) as date_partition
    from batches
    left join composition
        on batches.batch_id = composition.batch_id
    left join drivers
        on
            batches.driver_id = drivers.driver_id
            and {{ in_effect_at('drivers', 'batches.batch_created_at') }}
)

select * from final
