-- One row per profile per export: the newest good row of each (profile_id, export_date).
-- `profile_name` is personal data: it stays in staging, the marts carry a salted hash of it.
with

classified as (
    {{ rank_raw_rows(ref('base_streaming__profiles')) }}
),

final as (
    select
        -- ids
        profile_id,
        account_id,
        -- strings
        profile_name,
        account_plan,
        country,
        -- dates and timestamps
        created_at,
        export_date,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
