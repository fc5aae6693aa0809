-- One row per driver per export: the newest good row of each (driver_id, export_date).
with

classified as (
    {{ rank_raw_rows(ref('base_delivery__drivers')) }}
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
        export_date,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
