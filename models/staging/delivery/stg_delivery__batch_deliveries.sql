-- One row per delivery in a batch: the newest good row of each batch_delivery_id.
with

classified as (
    {{ rank_raw_rows(ref('base_delivery__batch_deliveries')) }}
),

final as (
    select
        batch_delivery_id,
        batch_id,
        delivery_id,
        pickup_sequence,
        dropoff_sequence,
        estimated_pickup_time,
        actual_pickup_time,
        estimated_dropoff_time,
        actual_dropoff_time,
        pickup_wait_time_minutes,
        customer_satisfaction_score,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
