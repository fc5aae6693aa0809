-- One row per delivery in a batch, with the pickup and drop-off sequences as the dispatch system
-- sent them and the delay of the drop-off against its estimate.
with

batch_deliveries as (
    select * from {{ ref('stg_delivery__batch_deliveries') }}
),

final as (
    select
        cast(batch_delivery_id as bigint) as batch_delivery_id,
        cast(batch_id as bigint) as batch_id,
        cast(delivery_id as bigint) as delivery_id,
        cast(pickup_sequence as integer) as pickup_sequence,
        cast(dropoff_sequence as integer) as dropoff_sequence,
        cast(estimated_pickup_time as timestamp) as estimated_pickup_time,
        cast(actual_pickup_time as timestamp) as actual_pickup_time,
        cast(estimated_dropoff_time as timestamp) as estimated_dropoff_time,
        cast(actual_dropoff_time as timestamp) as actual_dropoff_time,
        cast(pickup_wait_time_minutes as integer) as pickup_wait_time_minutes,
        cast({{ minutes_between('estimated_dropoff_time', 'actual_dropoff_time') }} as {{ type_double() }})
            as delivery_delay_minutes,
        cast(customer_satisfaction_score as integer) as customer_satisfaction_score
    from batch_deliveries
)

select * from final
