-- Seed 003, scenario 9, query 2: the batching algorithms compared, over the batches created in
-- the 30 days ending on the delivery as-of date. Batch measures are averaged over batches (the
-- seed averages them over batch deliveries, which weighs a batch by its size), delivery measures
-- over batch deliveries; the cancellation rate is cancelled batches / batches, a fraction.
with

batches as (
    select batches.*
    from {{ ref('fact_delivery_batches') }} as batches
    where {{ delivery__in_window('batches.date_partition', 30) }}
),

batch_measures as (
    select
        batching_algorithm_key,
        count(*) as total_batches,
        avg(cast(total_deliveries as double)) as avg_batch_size,
        avg(cast(actual_total_distance_miles as double)) as avg_total_distance,
        avg(cast(batch_efficiency_score as double)) as avg_efficiency_score,
        avg(batch_duration_minutes) as avg_batch_duration_minutes,
        avg(case when batch_status = 'cancelled' then 1.0 else 0.0 end) as cancellation_rate
    from batches
    group by batching_algorithm_key
),

delivery_measures as (
    select
        batches.batching_algorithm_key,
        count(distinct batch_deliveries.delivery_id) as total_deliveries,
        avg(batch_deliveries.delivery_delay_minutes) as avg_delivery_delay,
        avg(cast(batch_deliveries.pickup_wait_time_minutes as double)) as avg_pickup_wait
    from batches
    inner join {{ ref('fact_batch_deliveries') }} as batch_deliveries
        on batches.batch_id = batch_deliveries.batch_id
    group by batches.batching_algorithm_key
)

select
    algorithms.algorithm_name,
    algorithms.algorithm_version,
    batch_measures.total_batches,
    delivery_measures.total_deliveries,
    batch_measures.avg_batch_size,
    batch_measures.avg_total_distance,
    batch_measures.avg_efficiency_score,
    batch_measures.avg_batch_duration_minutes,
    delivery_measures.avg_delivery_delay,
    delivery_measures.avg_pickup_wait,
    batch_measures.cancellation_rate
from {{ ref('dim_batching_algorithms') }} as algorithms
inner join batch_measures
    on algorithms.batching_algorithm_key = batch_measures.batching_algorithm_key
inner join delivery_measures
    on algorithms.batching_algorithm_key = delivery_measures.batching_algorithm_key
where algorithms.algorithm_name != 'no_batching'
order by batch_measures.avg_efficiency_score desc, algorithms.algorithm_name asc
