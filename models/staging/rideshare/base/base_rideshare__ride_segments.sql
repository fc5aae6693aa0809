{{ config(materialized='ephemeral', meta={'record_key': ['segment_id']}) }}
-- Every row of raw.raw_ride_segments, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_rideshare__ride_segments and rideshare_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('rideshare', 'raw_ride_segments') }}
),

renamed as (
    select
        -- ids
        trim(segment_id) as segment_id,
        trim(ride_id) as ride_id,
        trim(rider_id) as rider_id,
        trim(pickup_location_id) as pickup_location_id,
        trim(dropoff_location_id) as dropoff_location_id,
        -- strings
        lower(trim(segment_status)) as segment_status,
        -- numerics
        segment_fare,
        segment_distance_km,
        -- timestamps
        pickup_ts as pickup_timestamp,
        dropoff_ts as dropoff_timestamp,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_ride_id', 'broken_when': 'ride_id is null'},
        {'reason': 'missing_rider_id', 'broken_when': 'rider_id is null'},
        {'reason': 'unknown_segment_status',
         'broken_when': "coalesce(segment_status not in ('completed', 'cancelled'), true)"},
        {'reason': 'missing_pickup_timestamp', 'broken_when': 'pickup_timestamp is null'},
        {'reason': 'pickup_after_load', 'broken_when': 'pickup_timestamp > _loaded_at'},
        {'reason': 'completed_without_dropoff',
         'broken_when': "segment_status = 'completed' and dropoff_timestamp is null"},
        {'reason': 'dropoff_not_after_pickup', 'broken_when': 'dropoff_timestamp <= pickup_timestamp'},
        {'reason': 'negative_fare', 'broken_when': 'segment_fare < 0'},
        {'reason': 'negative_distance', 'broken_when': 'segment_distance_km < 0'},
    ]) }}
)

select * from judged
