-- The input of the restaurants snapshot (snap_delivery__restaurants): each restaurant's current version,
-- with `version_started_at` = the export date that opened it, so the snapshot's history is data-driven.
with

history as (
    select * from {{ ref('int_delivery__restaurants_history') }}
),

final as (
    select
        restaurant_id,
        restaurant_external_id,
        restaurant_name,
        cuisine_type,
        restaurant_lat,
        restaurant_lng,
        avg_prep_time_minutes,
        can_handle_batch_pickups,
        is_partner_restaurant,
        valid_from as version_started_at
    from history
    where valid_to is null
)

select * from final
