-- The segments that fit their ride: its ride is current and the segment lies inside the ride's
-- time window (rideshare__segments_checked). The others wait in rideshare_quarantine.
with

segments as (
    select * from {{ ref('stg_rideshare__ride_segments') }}
),

rides as (
    select * from {{ ref('stg_rideshare__rides') }}
),

checked as (
    {{ rideshare__segments_checked('segments', 'rides') }}
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
    from checked
    where _ride_rule is null
)

select * from final
