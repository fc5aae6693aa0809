{{ config(materialized='ephemeral', meta={'record_key': ['restaurant_id', 'export_date']}) }}
-- Every row of raw.raw_restaurants, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__restaurants and delivery_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('delivery', 'raw_restaurants') }}
),

renamed as (
    select
        -- ids
        restaurant_id,
        trim(restaurant_external_id) as restaurant_external_id,
        -- strings
        {{ free_text('restaurant_name') }} as restaurant_name,
        lower({{ free_text('cuisine_type') }}) as cuisine_type,
        -- numerics
        restaurant_lat,
        restaurant_lng,
        avg_prep_time_minutes,
        -- booleans
        coalesce(can_handle_batch_pickups, false) as can_handle_batch_pickups,
        coalesce(is_partner_restaurant, false) as is_partner_restaurant,
        -- dates and timestamps
        export_date,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'negative_prep_time', 'broken_when': 'avg_prep_time_minutes < 0'},
        {'reason': 'coordinates_off_the_globe',
         'broken_when': 'restaurant_lat not between -90 and 90 or restaurant_lng not between -180 and 180'},
        {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
    ]) }}
)

select * from judged
