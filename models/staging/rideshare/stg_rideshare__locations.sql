-- One row per zone: the newest good row of each location_id.
with

classified as (
    {{ rank_raw_rows(ref('base_rideshare__locations')) }}
),

final as (
    select
        location_id,
        zone_name,
        city,
        latitude,
        longitude,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
