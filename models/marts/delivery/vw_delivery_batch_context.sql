{{ config(materialized='view') }}
-- Every delivery with its batch context (seed 003, scenario 9): the batch columns come from the
-- delivery's non-cancelled batch, and are null for a delivery sent on its own. A delivery counts
-- once: a batch that was cancelled and whose deliveries went out in another batch is left out here.
with

deliveries as (
    select * from {{ ref('fact_deliveries') }}
),

batch_deliveries as (
    select * from {{ ref('fact_batch_deliveries') }}
),

batches as (
    select * from {{ ref('fact_delivery_batches') }}
),

algorithms as (
    select * from {{ ref('dim_batching_algorithms') }}
),

live_batch_deliveries as (
    select
        batch_deliveries.*,
        batches.total_deliveries as batch_size,
        batches.batch_efficiency_score,
        batches.batch_status,
        batches.batching_algorithm_key
    from batch_deliveries
    inner join batches
        on batch_deliveries.batch_id = batches.batch_id
    where batches.batch_status != 'cancelled'
),

final as (
    select
        cast(deliveries.delivery_id as bigint) as delivery_id,
        cast(deliveries.order_id as bigint) as order_id,
        cast(deliveries.driver_id as bigint) as driver_id,
        cast(deliveries.delivery_status as {{ dbt.type_string() }}) as delivery_status,
        cast(live_batch_deliveries.batch_id as bigint) as batch_id,
        cast(live_batch_deliveries.pickup_sequence as integer) as pickup_sequence,
        cast(live_batch_deliveries.dropoff_sequence as integer) as dropoff_sequence,
        cast(live_batch_deliveries.pickup_wait_time_minutes as integer) as pickup_wait_time_minutes,
        cast(live_batch_deliveries.delivery_delay_minutes as {{ type_double() }}) as delivery_delay_minutes,
        cast(live_batch_deliveries.batch_size as integer) as batch_size,
        cast(live_batch_deliveries.batch_efficiency_score as decimal(5, 4)) as batch_efficiency_score,
        cast(live_batch_deliveries.batch_status as {{ dbt.type_string() }}) as batch_status,
        cast(algorithms.algorithm_name as {{ dbt.type_string() }}) as algorithm_name,
        cast(algorithms.algorithm_version as {{ dbt.type_string() }}) as algorithm_version,
        cast(deliveries.actual_delivery_time_minutes as {{ type_double() }}) as individual_delivery_time,
        cast(coalesce(live_batch_deliveries.estimated_dropoff_time, deliveries.delivered_at) as timestamp)
            as batch_delivery_time,
        cast(
            case when live_batch_deliveries.batch_id is not null then 'batched' else 'individual' end
            as {{ dbt.type_string() }}
        ) as delivery_type,
        cast(deliveries.date_partition as date) as date_partition
    from deliveries
    left join live_batch_deliveries
        on deliveries.delivery_id = live_batch_deliveries.delivery_id
    left join algorithms
        on live_batch_deliveries.batching_algorithm_key = algorithms.batching_algorithm_key
)

select * from final
