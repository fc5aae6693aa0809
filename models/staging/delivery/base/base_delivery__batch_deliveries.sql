{{ config(materialized='ephemeral', meta={'record_key': ['batch_delivery_id']}) }}
-- Every row of raw.raw_batch_deliveries, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__batch_deliveries and delivery_quarantine rank what it judged.
with

renamed as (
    select
        -- ids
        cast(batch_delivery_id as bigint) as batch_delivery_id,
        cast(batch_id as bigint) as batch_id,
        cast(delivery_id as bigint) as delivery_id,
        -- numerics
        cast(pickup_sequence as integer) as pickup_sequence,
        cast(dropoff_sequence as integer) as dropoff_sequence,
        cast(pickup_wait_time_minutes as integer) as pickup_wait_time_minutes,
        cast(customer_satisfaction_score as integer) as customer_satisfaction_score,
        -- timestamps
        cast(estimated_pickup_time as timestamp) as estimated_pickup_time,
        cast(actual_pickup_time as timestamp) as actual_pickup_time,
        cast(estimated_dropoff_time as timestamp) as estimated_dropoff_time,
        cast(actual_dropoff_time as timestamp) as actual_dropoff_time,
        cast(_loaded_at as timestamp) as _loaded_at
    from {{ source('delivery', 'raw_batch_deliveries') }}
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
