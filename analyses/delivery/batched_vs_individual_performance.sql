-- Seed 003, scenario 9, query 1: delivery performance of batched and individual deliveries, per
-- algorithm, over the 30 days ending on the delivery as-of date (delivery__in_window). Rates are
-- fractions (0..1) instead of the seed's percentages; the seed's rounding is left to the reader.
with

delivery_performance as (
    select
        context.delivery_type,
        context.algorithm_name,
        count(*) as total_deliveries,
        avg(deliveries.actual_delivery_time_minutes) as avg_delivery_time,
        avg(case when context.delivery_type = 'batched' then context.delivery_delay_minutes else 0 end)
            as avg_batch_delay,
        avg(
            case
                when context.delivery_type = 'batched' then cast(context.batch_efficiency_score as double)
                else 1.0
            end
        ) as avg_efficiency_score,
        -- on time: delivered within 10 minutes of the promise, over the delivered deliveries
        avg(
            case
                when deliveries.actual_delivery_time_minutes is null then null
                when deliveries.actual_delivery_time_minutes <= deliveries.estimated_delivery_time_minutes + 10
                    then 1.0
                else 0.0
            end
        ) as on_time_rate
    from {{ ref('vw_delivery_batch_context') }} as context
    inner join {{ ref('fact_deliveries') }} as deliveries
        on context.delivery_id = deliveries.delivery_id
    where {{ delivery__in_window('context.date_partition', 30) }}
    group by context.delivery_type, context.algorithm_name
)

select
    delivery_type,
    coalesce(algorithm_name, 'N/A') as algorithm,
    total_deliveries,
    avg_delivery_time as avg_delivery_minutes,
    avg_batch_delay as avg_delay_minutes,
    avg_efficiency_score as efficiency_score,
    on_time_rate
from delivery_performance
order by delivery_type asc, total_deliveries desc, algorithm asc
