{{ config(materialized='ephemeral', meta={'record_key': ['vehicle_id']}) }}
-- Every row of raw.raw_vehicles, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_rideshare__vehicles and rideshare_quarantine rank what it judged.
with

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
        cast(model_year as integer) as model_year,
        cast(seat_capacity as integer) as seat_capacity,
        -- timestamps
        cast(_loaded_at as timestamp) as _loaded_at
    from {{ source('rideshare', 'raw_vehicles') }}
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'no_seats', 'broken_when': 'coalesce(seat_capacity < 1, true)'},
    ]) }}
)

select * from judged
