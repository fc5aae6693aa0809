-- One row per ride: the newest good row of each ride_id.
with

classified as (
    {{ rank_raw_rows(ref('base_rideshare__rides')) }}
),

final as (
    select
        ride_id,
        driver_id,
        vehicle_id,
        ride_type,
        ride_status,
        start_timestamp,
        end_timestamp,
        start_location_id,
        end_location_id,
        total_fare,
        total_distance_km,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
