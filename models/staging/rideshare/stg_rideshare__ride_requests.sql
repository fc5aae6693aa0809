-- One row per ride request: the newest good row of each request_id.
with

classified as (
    {{ rank_raw_rows(ref('base_rideshare__ride_requests')) }}
),

final as (
    select
        request_id,
        rider_id,
        requested_at,
        ride_type_requested,
        pickup_location_id,
        dropoff_location_id,
        request_status,
        matched_segment_id,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
