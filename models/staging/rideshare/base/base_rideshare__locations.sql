{{ config(materialized='ephemeral', meta={'record_key': ['location_id']}) }}
-- Every row of raw.raw_locations, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_rideshare__locations and rideshare_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('rideshare', 'raw_locations') }}
),

renamed as (
    select
        -- ids
        trim(location_id) as location_id,
        -- strings
        {{ free_text('zone_name') }} as zone_name,
        {{ free_text('city') }} as city,
        -- numerics
        latitude,
        longitude,
        -- timestamps
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_city', 'broken_when': 'city is null'},
        {'reason': 'coordinates_off_the_globe',
         'broken_when': 'coalesce(latitude not between -90 and 90 or longitude not between -180 and 180, true)'},
    ]) }}
)

select * from judged
