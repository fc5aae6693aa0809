-- One row per segment: the newest good row of each segment_id (its ride is checked downstream).
with

classified as (
    {{ rank_raw_rows(ref('base_rideshare__ride_segments')) }}
),

final as (
    select
        segment_id,
        ride_id,
        rider_id,
        pickup_timestamp,
        dropoff_timestamp,
        pickup_location_id,
        dropoff_location_id,
        segment_fare,
        segment_distance_km,
        segment_status,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
