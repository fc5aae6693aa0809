-- Seed 003, scenario 9, query 3: route efficiency per algorithm from the waypoints of the batches
-- completed in the 7 days ending on the delivery as-of date: driven distance over planned
-- distance (1.0 where nothing was planned, as in the seed) and the summed arrival delays.
with

route_analysis as (
    select
        batches.batch_id,
        algorithms.algorithm_name,
        batches.total_deliveries,
        batches.planned_total_distance_miles,
        sum(waypoints.distance_to_next_miles) as total_actual_distance,
        sum(waypoints.arrival_delay_minutes) as total_time_variance_minutes,
        case
            when batches.planned_total_distance_miles > 0
                then cast(sum(waypoints.distance_to_next_miles) as double)
                    / cast(batches.planned_total_distance_miles as double)
            else 1.0
        end as route_efficiency_ratio
    from {{ ref('fact_delivery_batches') }} as batches
    inner join {{ ref('fact_batch_waypoints') }} as waypoints
        on batches.batch_id = waypoints.batch_id
    inner join {{ ref('dim_batching_algorithms') }} as algorithms
        on batches.batching_algorithm_key = algorithms.batching_algorithm_key
    where
        batches.batch_status = 'completed'
        and {{ delivery__in_window('batches.date_partition', 7) }}
    group by batches.batch_id, algorithms.algorithm_name, batches.total_deliveries, batches.planned_total_distance_miles
)

select
    algorithm_name,
    avg(cast(total_deliveries as double)) as avg_batch_size,
    avg(cast(total_actual_distance as double)) as avg_actual_distance_miles,
    avg(cast(planned_total_distance_miles as double)) as avg_planned_distance_miles,
    avg(route_efficiency_ratio) as avg_route_efficiency,
    avg(total_time_variance_minutes) as avg_time_variance_minutes,
    min(route_efficiency_ratio) as best_route_efficiency,
    max(route_efficiency_ratio) as worst_route_efficiency
from route_analysis
group by algorithm_name
order by avg_route_efficiency asc, algorithm_name asc
