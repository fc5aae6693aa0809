{{ config(materialized='ephemeral', meta={'record_key': ['batching_algorithm_key']}) }}
-- Every row of raw.raw_batching_algorithms, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__batching_algorithms and delivery_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('delivery', 'raw_batching_algorithms') }}
),

renamed as (
    select
        -- ids
        batching_algorithm_key,
        -- strings
        {{ free_text('algorithm_name') }} as algorithm_name,
        {{ free_text('algorithm_version') }} as algorithm_version,
        -- numerics
        max_batch_size,
        max_total_distance_miles,
        traffic_percentage,
        -- timestamps
        deployed_at,
        deprecated_at,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_algorithm_name', 'broken_when': 'algorithm_name is null'},
        {'reason': 'no_batch_size', 'broken_when': 'coalesce(max_batch_size < 1, true)'},
        {'reason': 'traffic_out_of_range', 'broken_when': 'traffic_percentage not between 0 and 1'},
    ]) }}
)

select * from judged
