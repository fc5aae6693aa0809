-- One row per title per export: the newest good row of each (content_id, export_date).
-- Cleaning and rules: base/base_streaming__content.sql.
with

classified as (
    {{ rank_raw_rows(ref('base_streaming__content')) }}
),

final as (
    select
        -- ids
        content_id,
        series_id,
        -- strings
        title,
        content_type,
        series_title,
        genre,
        -- numerics
        season_number,
        episode_number,
        duration_seconds,
        credits_start_seconds,
        -- dates and timestamps
        release_date,
        export_date,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
