{{ config(materialized='ephemeral', meta={'record_key': ['driver_id', 'export_date']}) }}
-- Every row of raw.raw_drivers, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__drivers and delivery_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('delivery', 'raw_drivers') }}
),

renamed as (
    select
        -- ids
        driver_id,
        trim(driver_external_id) as driver_external_id,
        -- strings
        lower(trim(driver_status)) as driver_status,
        lower(trim(vehicle_type)) as vehicle_type,
        lower(trim(driver_tier)) as driver_tier,
        -- numerics
        max_batch_capacity,
        -- booleans
        coalesce(has_insulated_bag, false) as has_insulated_bag,
        -- dates and timestamps
        driver_since_date,
        export_date,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'unknown_driver_status',
         'broken_when': "coalesce(driver_status not in ('active', 'inactive', 'suspended'), true)"},
        {'reason': 'unknown_vehicle_type',
         'broken_when': "coalesce(vehicle_type not in ('car', 'bike', 'scooter', 'walking'), true)"},
        {'reason': 'unknown_driver_tier',
         'broken_when': "coalesce(driver_tier not in ('new', 'standard', 'premium'), true)"},
        {'reason': 'no_batch_capacity', 'broken_when': 'max_batch_capacity < 1'},
        {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
    ]) }}
)

select * from judged
