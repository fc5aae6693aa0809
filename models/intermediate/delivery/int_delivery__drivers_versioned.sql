-- The input of the drivers snapshot (snap_delivery__drivers): each driver's current version,
-- with `version_started_at` = the export date that opened it, so the snapshot's history is data-driven.
with

history as (
    select * from {{ ref('int_delivery__drivers_history') }}
),

final as (
    select
        driver_id,
        driver_external_id,
        driver_since_date,
        driver_status,
        vehicle_type,
        has_insulated_bag,
        max_batch_capacity,
        driver_tier,
        valid_from as version_started_at
    from history
    where valid_to is null
)

select * from final
