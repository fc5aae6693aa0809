-- One row per batching algorithm: the newest good row of each batching_algorithm_key.
with

classified as (
    {{ rank_raw_rows(ref('base_delivery__batching_algorithms')) }}
),

final as (
    select
        batching_algorithm_key,
        algorithm_name,
        algorithm_version,
        max_batch_size,
        max_total_distance_miles,
        deployed_at,
        deprecated_at,
        traffic_percentage,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
