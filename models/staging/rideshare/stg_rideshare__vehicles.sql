-- One row per vehicle: the newest good row of each vehicle_id.
with

classified as (
    {{ rank_raw_rows(ref('base_rideshare__vehicles')) }}
),

final as (
    select
        vehicle_id,
        driver_id,
        make,
        model,
        model_year,
        seat_capacity,
        vehicle_class,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
