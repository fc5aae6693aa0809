-- The batching algorithms dispatch runs (A/B tested by traffic share).
with

algorithms as (
    select * from {{ ref('stg_delivery__batching_algorithms') }}
),

final as (
    select
        cast(batching_algorithm_key as bigint) as batching_algorithm_key,
        cast(algorithm_name as {{ dbt.type_string() }}) as algorithm_name,
        cast(algorithm_version as {{ dbt.type_string() }}) as algorithm_version,
        cast(max_batch_size as integer) as max_batch_size,
        cast(max_total_distance_miles as decimal(6, 2)) as max_total_distance_miles,
        cast(deployed_at as timestamp) as deployed_at,
        cast(deprecated_at as timestamp) as deprecated_at,
        cast(traffic_percentage as decimal(5, 4)) as traffic_percentage
    from algorithms
)

select * from final
