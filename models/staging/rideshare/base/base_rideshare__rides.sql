{{ config(materialized='ephemeral', meta={'record_key': ['ride_id']}) }}
-- Every row of raw.raw_rides, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_rideshare__rides and rideshare_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('rideshare', 'raw_rides') }}
),

renamed as (
    select
        -- ids
        trim(ride_id) as ride_id,
        trim(driver_id) as driver_id,
        trim(vehicle_id) as vehicle_id,
        trim(start_location_id) as start_location_id,
        trim(end_location_id) as end_location_id,
        -- strings
        lower(trim(ride_type)) as ride_type,
        lower(trim(ride_status)) as ride_status,
        -- numerics
        total_fare,
        total_distance_km,
        -- timestamps
        start_ts as start_timestamp,
        end_ts as end_timestamp,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_driver_id', 'broken_when': 'driver_id is null'},
        {'reason': 'unknown_ride_type',
         'broken_when': 'coalesce(ride_type not in (' ~ quoted_list(rideshare__ride_types()) ~ '), true)'},
        {'reason': 'unknown_ride_status',
         'broken_when': "coalesce(ride_status not in ('completed', 'cancelled'), true)"},
        {'reason': 'missing_start_timestamp', 'broken_when': 'start_timestamp is null'},
        {'reason': 'ride_after_load', 'broken_when': 'start_timestamp > _loaded_at'},
        {'reason': 'completed_without_end', 'broken_when': "ride_status = 'completed' and end_timestamp is null"},
        {'reason': 'end_before_start', 'broken_when': 'end_timestamp < start_timestamp'},
        {'reason': 'negative_fare', 'broken_when': 'total_fare < 0'},
        {'reason': 'negative_distance', 'broken_when': 'total_distance_km < 0'},
    ]) }}
)

select * from judged
