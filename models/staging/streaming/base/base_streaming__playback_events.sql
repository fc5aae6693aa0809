{{ config(materialized='ephemeral', meta={'record_key': ['event_id']}) }}
-- Every row of raw.raw_playback_events, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_streaming__playback_events and streaming_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('streaming', 'raw_playback_events') }}
),

renamed as (
    select
        -- ids
        trim(event_id) as event_id,
        trim(profile_id) as profile_id,
        trim(account_id) as account_id,
        trim(content_id) as content_id,
        trim(device_id) as device_id,
        nullif(trim(client_session_id), '') as client_session_id,
        -- strings
        lower(trim(event_type)) as event_type,
        upper(trim(quality)) as quality,
        -- numerics
        playback_position_seconds,
        seek_from_seconds,
        -- booleans
        coalesce(autoplay, false) as autoplay,
        -- timestamps
        event_ts as event_timestamp,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_profile_id', 'broken_when': 'profile_id is null'},
        {'reason': 'missing_content_id', 'broken_when': 'content_id is null'},
        {'reason': 'missing_device_id', 'broken_when': 'device_id is null'},
        {'reason': 'unknown_event_type',
         'broken_when': 'coalesce(event_type not in (' ~ quoted_list(streaming__event_types()) ~ '), true)'},
        {'reason': 'missing_event_timestamp', 'broken_when': 'event_timestamp is null'},
        {'reason': 'event_after_load', 'broken_when': 'event_timestamp > _loaded_at'},
        {'reason': 'missing_position', 'broken_when': 'playback_position_seconds is null'},
        {'reason': 'negative_position', 'broken_when': 'playback_position_seconds < 0'},
        {'reason': 'negative_seek_from', 'broken_when': 'seek_from_seconds < 0'},
        {'reason': 'seek_without_origin',
         'broken_when': "event_type = 'seek' and seek_from_seconds is null"},
        {'reason': 'unknown_quality',
         'broken_when': 'quality not in (' ~ quoted_list(streaming__qualities()) ~ ')'},
    ]) }}
)

select * from judged
