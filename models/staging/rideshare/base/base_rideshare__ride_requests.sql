{{ config(materialized='ephemeral', meta={'record_key': ['request_id']}) }}
-- Every row of raw.raw_ride_requests, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_rideshare__ride_requests and rideshare_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('rideshare', 'raw_ride_requests') }}
),

renamed as (
    select
        -- ids
        trim(request_id) as request_id,
        trim(rider_id) as rider_id,
        trim(pickup_location_id) as pickup_location_id,
        trim(dropoff_location_id) as dropoff_location_id,
        nullif(trim(matched_segment_id), '') as matched_segment_id,
        -- strings
        lower(trim(ride_type_requested)) as ride_type_requested,
        lower(trim(request_status)) as request_status,
        -- timestamps
        requested_at,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_rider_id', 'broken_when': 'rider_id is null'},
        {'reason': 'missing_requested_at', 'broken_when': 'requested_at is null'},
        {'reason': 'request_after_load', 'broken_when': 'requested_at > _loaded_at'},
        {'reason': 'unknown_ride_type',
         'broken_when': 'coalesce(ride_type_requested not in ('
             ~ quoted_list(rideshare__ride_types()) ~ '), true)'},
        {'reason': 'unknown_request_status',
         'broken_when': "coalesce(request_status not in ('matched', 'unmatched', 'cancelled_by_rider'), true)"},
        {'reason': 'matched_without_segment',
         'broken_when': "request_status = 'matched' and matched_segment_id is null"},
    ]) }}
)

select * from judged
