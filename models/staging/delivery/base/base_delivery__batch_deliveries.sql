{{ config(materialized='ephemeral', meta={'record_key': ['batch_delivery_id']}) }}
-- Every row of raw.raw_batch_deliveries, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__batch_deliveries and delivery_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('delivery', 'raw_batch_deliveries') }}
),

renamed as (
    select
        -- ids
        batch_delivery_id,
        batch_id,
        delivery_id,
        -- numerics
        pickup_sequence,
        dropoff_sequence,
        pickup_wait_time_minutes,
        customer_satisfaction_score,
        -- timestamps
        estimated_pickup_time,
        actual_pickup_time,
        estimated_dropoff_time,
        actual_dropoff_time,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_batch_id', 'broken_when': 'batch_id is null'},
        {'reason': 'missing_delivery_id', 'broken_when': 'delivery_id is null'},
        {'reason': 'sequence_below_one', 'broken_when': 'coalesce(pickup_sequence < 1 or dropoff_sequence < 1, true)'},
        {'reason': 'negative_pickup_wait', 'broken_when': 'pickup_wait_time_minutes < 0'},
        {'reason': 'satisfaction_out_of_range', 'broken_when': 'customer_satisfaction_score not between 1 and 5'},
    ]) }}
)

select * from judged
