{{ config(materialized='ephemeral', meta={'record_key': ['batch_id']}) }}
-- Every row of raw.raw_delivery_batches, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__delivery_batches and delivery_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('delivery', 'raw_delivery_batches') }}
),

renamed as (
    select
        -- ids
        batch_id,
        driver_id,
        batching_algorithm_key,
        -- strings
        lower(trim(batch_status)) as batch_status,
        {{ free_text('cancellation_reason') }} as cancellation_reason,
        -- numerics
        total_deliveries,
        planned_total_distance_miles,
        actual_total_distance_miles,
        planned_total_time_minutes,
        batch_efficiency_score,
        -- timestamps
        batch_created_at,
        batch_assigned_at,
        batch_started_at,
        batch_completed_at,
        _loaded_at
    from typed
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
