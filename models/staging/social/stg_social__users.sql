-- One row per user per export: the newest good row of each (user_id, export_date).
with

classified as (
    {{ rank_raw_rows(ref('base_social__users')) }}
),

final as (
    select
        -- ids
        user_id,
        -- strings
        username,
        user_type,
        country,
        -- booleans
        is_internal,
        -- timestamps and dates
        created_at,
        export_date,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
