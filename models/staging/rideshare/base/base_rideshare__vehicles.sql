{{ config(materialized='ephemeral', meta={'record_key': ['vehicle_id']}) }}
-- Every row of raw.raw_vehicles, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_rideshare__vehicles and rideshare_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('rideshare', 'raw_vehicles') }}
),

renamed as (
    select
        -- ids
        trim(vehicle_id) as vehicle_id,
        trim(driver_id) as driver_id,
        -- strings
        {{ free_text('make') }} as make,
        {{ free_text('model') }} as model,
        lower(trim(vehicle_class)) as vehicle_class,
        -- numerics
        model_year,
        seat_capacity,
        -- timestamps
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'no_seats', 'broken_when': 'coalesce(seat_capacity < 1, true)'},
    ]) }}
)

select * from judged
