{{ config(materialized='table') }}
-- The SCD2 history of the drivers: a new version wherever an export changes a driver's
-- tier, status or any other attribute (export_history). `driver_key` names a version; the facts pick the version in
-- effect at their event time (in_effect_at).
with

drivers as (
    select * from {{ ref('stg_delivery__drivers') }}
),

versions as (
    {{ export_history('drivers', 'driver_id', [
        'driver_external_id',
        'driver_since_date',
        'driver_status',
        'vehicle_type',
        'has_insulated_bag',
        'max_batch_capacity',
        'driver_tier',
    ]) }}
),

final as (
    select
        {{ surrogate_key(['driver_id', 'valid_from']) }} as driver_key,
        driver_id,
        driver_external_id,
        driver_since_date,
        driver_status,
        vehicle_type,
        has_insulated_bag,
        max_batch_capacity,
        driver_tier,
        valid_from,
        valid_to,
        is_first_version
    from versions
)

select * from final
