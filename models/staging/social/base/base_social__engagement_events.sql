{{ config(materialized='ephemeral', meta={'record_key': ['event_id']}) }}
-- Every row of raw.raw_engagement_events, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_social__engagement_events and social_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('social', 'raw_engagement_events') }}
),

renamed as (
    select
        -- ids
        trim(event_id) as event_id,
        trim(user_id) as user_id,
        trim(post_id) as post_id,
        trim(session_id) as session_id,
        -- strings
        lower(trim(engagement_type)) as engagement_type,
        lower(trim(platform)) as platform,
        -- numerics
        view_seconds,
        -- timestamps
        event_ts as event_timestamp,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_post_id', 'broken_when': 'post_id is null'},
        {'reason': 'missing_user_id', 'broken_when': 'user_id is null'},
        {'reason': 'unknown_engagement_type',
         'broken_when': "coalesce(engagement_type not in (select engagement_type_name from "
             ~ ref('engagement_types') ~ "), true)"},
        {'reason': 'negative_view_seconds', 'broken_when': 'view_seconds < 0'},
        {'reason': 'missing_event_timestamp', 'broken_when': 'event_timestamp is null'},
        {'reason': 'event_after_load', 'broken_when': 'event_timestamp > _loaded_at'},
    ]) }}
)

select * from judged
