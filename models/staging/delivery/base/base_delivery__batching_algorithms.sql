{{ config(materialized='ephemeral', meta={'record_key': ['batching_algorithm_key']}) }}
-- Every row of raw.raw_batching_algorithms, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__batching_algorithms and delivery_quarantine rank what it judged.
with

renamed as (
    select
        -- ids
        cast(batching_algorithm_key as bigint) as batching_algorithm_key,
        -- strings
        {{ free_text('algorithm_name') }} as algorithm_name,
        {{ free_text('algorithm_version') }} as algorithm_version,
        -- numerics
        cast(max_batch_size as integer) as max_batch_size,
        cast(max_total_distance_miles as decimal(6, 2)) as max_total_distance_miles,
        cast(traffic_percentage as decimal(5, 4)) as traffic_percentage,
        -- timestamps
        cast(deployed_at as timestamp) as deployed_at,
        cast(deprecated_at as timestamp) as deprecated_at,
        cast(_loaded_at as timestamp) as _loaded_at
    from {{ source('delivery', 'raw_batching_algorithms') }}
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_algorithm_name', 'broken_when': 'algorithm_name is null'},
        {'reason': 'no_batch_size', 'broken_when': 'coalesce(max_batch_size < 1, true)'},
        {'reason': 'traffic_out_of_range', 'broken_when': 'traffic_percentage not between 0 and 1'},
    ]) }}
)

select * from judged
