-- One row per batch: the newest good row of each batch_id (a batch is re-sent as its state moves on).
with

classified as (
    {{ rank_raw_rows(ref('base_delivery__delivery_batches')) }}
),

final as (
    select
        batch_id,
        driver_id,
        batching_algorithm_key,
        batch_created_at,
        batch_assigned_at,
        batch_started_at,
        batch_completed_at,
        total_deliveries,
        planned_total_distance_miles,
        actual_total_distance_miles,
        planned_total_time_minutes,
        batch_efficiency_score,
        batch_status,
        cancellation_reason,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
