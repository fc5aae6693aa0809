-- One row per device: its newest good row (devices are re-sent when an attribute changes).
with

classified as (
    {{ rank_raw_rows(ref('base_streaming__devices')) }}
),

final as (
    select
        -- ids
        device_id,
        -- strings
        device_type,
        os,
        app_version,
        -- timestamps
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
