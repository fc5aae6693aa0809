{{ config(materialized='table') }}
-- The SCD2 history of the restaurants: a new version wherever an export changes a restaurant's
-- prep time or any other attribute (export_history). `restaurant_key` names a version; the facts pick the version in
-- effect at their event time (in_effect_at).
with

restaurants as (
    select * from {{ ref('stg_delivery__restaurants') }}
),

versions as (
    {{ export_history('restaurants', 'restaurant_id', [
        'restaurant_external_id',
        'restaurant_name',
        'cuisine_type',
        'restaurant_lat',
        'restaurant_lng',
        'avg_prep_time_minutes',
        'can_handle_batch_pickups',
        'is_partner_restaurant',
    ]) }}
),

final as (
    select
        {{ surrogate_key(['restaurant_id', 'valid_from']) }} as restaurant_key,
        restaurant_id,
        restaurant_external_id,
        restaurant_name,
        cuisine_type,
        restaurant_lat,
        restaurant_lng,
        avg_prep_time_minutes,
        can_handle_batch_pickups,
        is_partner_restaurant,
        valid_from,
        valid_to,
        is_first_version
    from versions
)

select * from final
