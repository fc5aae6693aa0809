-- Couriers, one row per version (SCD2 from the daily exports: int_delivery__drivers_history); a
-- version opens at the export date where the tier, status or any other attribute changed.
with

history as (
    select * from {{ ref('int_delivery__drivers_history') }}
),

final as (
    select
        cast(driver_key as {{ dbt.type_string() }}) as driver_key,
        cast(driver_id as bigint) as driver_id,
        cast(driver_external_id as {{ dbt.type_string() }}) as driver_external_id,
        cast(driver_since_date as date) as driver_since_date,
        cast(driver_status as {{ dbt.type_string() }}) as driver_status,
        cast(vehicle_type as {{ dbt.type_string() }}) as vehicle_type,
        cast(has_insulated_bag as boolean) as has_insulated_bag,
        cast(max_batch_capacity as integer) as max_batch_capacity,
        cast(driver_tier as {{ dbt.type_string() }}) as driver_tier,
        cast(valid_from as timestamp) as valid_from,
        cast(valid_to as timestamp) as valid_to,
        cast(valid_to is null as boolean) as is_current
    from history
)

select * from final
