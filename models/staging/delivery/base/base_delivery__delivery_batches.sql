{{ config(materialized='ephemeral', meta={'record_key': ['batch_id']}) }}
-- Every row of raw.raw_delivery_batches, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__delivery_batches and delivery_quarantine rank what it judged.
with

renamed as (
    select
        -- ids
        cast(batch_id as bigint) as batch_id,
        cast(driver_id as bigint) as driver_id,
        cast(batching_algorithm_key as bigint) as batching_algorithm_key,
        -- strings
        lower(trim(batch_status)) as batch_status,
        {{ free_text('cancellation_reason') }} as cancellation_reason,
        -- numerics
        cast(total_deliveries as integer) as total_deliveries,
        cast(planned_total_distance_miles as decimal(6, 2)) as planned_total_distance_miles,
        cast(actual_total_distance_miles as decimal(6, 2)) as actual_total_distance_miles,
        cast(planned_total_time_minutes as integer) as planned_total_time_minutes,
        cast(batch_efficiency_score as decimal(5, 4)) as batch_efficiency_score,
        -- timestamps
        cast(batch_created_at as timestamp) as batch_created_at,
        cast(batch_assigned_at as timestamp) as batch_assigned_at,
        cast(batch_started_at as timestamp) as batch_started_at,
        cast(batch_completed_at as timestamp) as batch_completed_at,
        cast(_loaded_at as timestamp) as _loaded_at
    from {{ source('delivery', 'raw_delivery_batches') }}
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_driver_id', 'broken_when': 'driver_id is null'},
        {'reason': 'missing_algorithm', 'broken_when': 'batching_algorithm_key is null'},
        {'reason': 'missing_created_at', 'broken_when': 'batch_created_at is null'},
        {'reason': 'batch_after_load', 'broken_when': 'batch_created_at > _loaded_at'},
        {'reason': 'unknown_batch_status',
         'broken_when': 'coalesce(batch_status not in (' ~ quoted_list(delivery__batch_states()) ~ '), true)'},
        {'reason': 'batch_times_out_of_order',
         'broken_when': 'batch_assigned_at < batch_created_at or batch_started_at < batch_assigned_at'
             ~ ' or batch_completed_at < batch_started_at'},
        {'reason': 'negative_distance',
         'broken_when': 'planned_total_distance_miles < 0 or actual_total_distance_miles < 0'},
    ]) }}
)

select * from judged
