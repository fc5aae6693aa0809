{{
    config(
        materialized=incremental_materialization(),
        unique_key='event_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        pre_hook="{{ streaming__reopen_hook('event_id') }}",
    )
}}
/*
    One row per deduplicated beacon of a known title, with the session it belongs to.
    Incremental like fact_viewing_sessions: a run rewrites the events streaming__reopened names
    (re-sessionised since the last run, or of a title that changed or landed); the pre-hook
    deletes them first, so an event re-sent broken leaves.
*/
-- depends_on: {{ ref('int_streaming__session_events') }}
-- depends_on: {{ ref('int_streaming__content_current') }}
with

reopened_events as (
    {% if is_incremental() %}
        {{ streaming__reopened('event_id') }}
    {% else %}
        select event_id from {{ ref('int_streaming__session_events') }}
    {% endif %}
),

events as (
    select * from {{ ref('int_streaming__session_events') }}
    where
        quarantine_reason is null
        and event_id in (select reopened_events.event_id from reopened_events)
),

content as (
    select
        content_id,
        _loaded_through
    from {{ ref('int_streaming__content_current') }}
),

final as (
    select
        cast(events.event_id as {{ dbt.type_string() }}) as event_id,
        cast(events.session_id as {{ dbt.type_string() }}) as session_id,
        cast(events.profile_id as {{ dbt.type_string() }}) as profile_id,
        cast(events.content_id as {{ dbt.type_string() }}) as content_id,
        cast(events.device_id as {{ dbt.type_string() }}) as device_id,
        cast(events.event_type as {{ dbt.type_string() }}) as event_type,
        cast(events.event_timestamp as timestamp) as event_timestamp,
        cast(events.event_sequence_in_session as integer) as event_sequence_in_session,
        cast(events.playback_position_seconds as integer) as playback_position_seconds,
        cast({{ dbt.concat([
            "'{\"quality\": '",
            "coalesce(" ~ dbt.concat(["'\"'", "events.quality", "'\"'"]) ~ ", 'null')",
            "', \"seek_from_seconds\": '",
            "coalesce(cast(events.seek_from_seconds as " ~ dbt.type_string() ~ "), 'null')",
            "'}'",
        ]) }} as {{ dbt.type_string() }}) as event_metadata,
        cast(events._loaded_at as timestamp) as _loaded_at,
        cast(events._sessionised_at as timestamp) as _sessionised_at,
        cast(content._loaded_through as timestamp) as _content_loaded_through
    from events
    inner join content
        on events.content_id = content.content_id
)

select * from final
