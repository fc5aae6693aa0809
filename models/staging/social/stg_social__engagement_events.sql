-- One row per engagement event: the newest good raw row of each event_id.
-- Cleaning and rules: base/base_social__engagement_events.sql.
with

classified as (
    {{ rank_raw_rows(ref('base_social__engagement_events')) }}
),

final as (
    select
        -- ids
        event_id,
        user_id,
        post_id,
        session_id,
        -- strings
        engagement_type,
        platform,
        -- numerics
        view_seconds,
        -- timestamps
        event_timestamp,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
