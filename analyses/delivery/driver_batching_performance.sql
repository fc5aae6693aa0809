-- Seed 003, scenario 9, query 4: each driver's delivered deliveries, batched and individual, over
-- the 30 days ending on the delivery as-of date, for drivers with at least var
-- min_driver_deliveries (default 20, the seed's threshold). The driver's attributes come from the
-- current version of dim_drivers (the seed joins on driver_id, which would count a driver once per
-- version). A driver without a batched delivery is rated 'no_batches' instead of the seed's
-- 'needs_improvement'.
with

delivered as (
    select
        deliveries.driver_id,
        context.delivery_type,
        context.batch_efficiency_score,
        context.delivery_delay_minutes,
        deliveries.actual_delivery_time_minutes
    from {{ ref('fact_deliveries') }} as deliveries
    inner join {{ ref('vw_delivery_batch_context') }} as context
        on deliveries.delivery_id = context.delivery_id
    where
        deliveries.delivery_status = 'delivered'
        and {{ delivery__in_window('deliveries.date_partition', 30) }}
),

per_driver as (
    select
        driver_id,
        count(*) as deliveries,
        sum(case when delivery_type = 'individual' then 1 else 0 end) as individual_deliveries,
        sum(case when delivery_type = 'batched' then 1 else 0 end) as batched_deliveries,
        avg(case when delivery_type = 'individual' then actual_delivery_time_minutes end) as avg_individual_time,
        avg(case when delivery_type = 'batched' then actual_delivery_time_minutes end) as avg_batched_time,
        avg(case when delivery_type = 'batched' then cast(batch_efficiency_score as double) end)
            as avg_batch_efficiency,
        avg(case when delivery_type = 'batched' then delivery_delay_minutes end) as avg_batch_delay
    from delivered
    group by driver_id
)

select
    drivers.driver_id,
    drivers.driver_external_id,
    drivers.vehicle_type,
    per_driver.individual_deliveries,
    per_driver.batched_deliveries,
    per_driver.avg_individual_time,
    per_driver.avg_batched_time,
    per_driver.avg_batch_efficiency,
    per_driver.avg_batch_delay,
    case
        when per_driver.avg_batch_delay is null then 'no_batches'
        when per_driver.avg_batch_delay < 5 then 'excellent'
        when per_driver.avg_batch_delay < 10 then 'good'
        else 'needs_improvement'
    end as batch_adaptation_rating
from per_driver
inner join {{ ref('dim_drivers') }} as drivers
    on per_driver.driver_id = drivers.driver_id and drivers.is_current
where per_driver.deliveries >= {{ var('min_driver_deliveries', 20) }}
order by per_driver.avg_batch_efficiency desc nulls last, drivers.driver_id asc
