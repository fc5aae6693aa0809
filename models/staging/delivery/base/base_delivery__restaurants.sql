{{ config(materialized='ephemeral', meta={'record_key': ['restaurant_id', 'export_date']}) }}
-- Every row of raw.raw_restaurants, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__restaurants and delivery_quarantine rank what it judged.
with

renamed as (
    select
        -- ids
        cast(restaurant_id as bigint) as restaurant_id,
        trim(restaurant_external_id) as restaurant_external_id,
        -- strings
        {{ free_text('restaurant_name') }} as restaurant_name,
        lower({{ free_text('cuisine_type') }}) as cuisine_type,
        -- numerics
        cast(restaurant_lat as {{ type_double() }}) as restaurant_lat,
        cast(restaurant_lng as {{ type_double() }}) as restaurant_lng,
        cast(avg_prep_time_minutes as integer) as avg_prep_time_minutes,
        -- booleans
        coalesce(cast(can_handle_batch_pickups as boolean), false) as can_handle_batch_pickups,
        coalesce(cast(is_partner_restaurant as boolean), false) as is_partner_restaurant,
        -- dates and timestamps
        cast(export_date as date) as export_date,
        cast(_loaded_at as timestamp) as _loaded_at
    from {{ source('delivery', 'raw_restaurants') }}
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
