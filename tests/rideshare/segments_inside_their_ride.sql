-- Rule: every segment lies inside its ride's time window (pickup not before the ride's start,
-- drop-off not after its end) and is dropped off after it is picked up. One row per segment that
-- breaks it.
select
    segments.ride_segment_id,
    segments.segment_pickup_timestamp,
    segments.segment_dropoff_timestamp,
    rides.start_timestamp,
    rides.end_timestamp
from {{ ref('fact_ride_segments') }} as segments
inner join {{ ref('fact_rides') }} as rides
    on segments.ride_id = rides.ride_id
where
    segments.segment_pickup_timestamp < rides.start_timestamp
    or segments.segment_dropoff_timestamp > rides.end_timestamp
    or segments.segment_dropoff_timestamp <= segments.segment_pickup_timestamp
