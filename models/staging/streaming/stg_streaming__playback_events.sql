{{
    config(
        materialized=incremental_materialization(),
        unique_key='event_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
/*
    One row per event_id: the beacon's current state, i.e. its newest raw row, cleaned.

    Incremental like every big staging model: each run reads only the raw rows landed since the last run
    (landed_since_last_run) and replaces the events they touch; the newest row of an event is
    always in that read, so the winner is the one a full refresh picks. When the newest row breaks
    a rule the event keeps its row here with `quarantine_reason` set, so that the sessionisation
    sees it leave; downstream models read only rows whose `quarantine_reason` is null.
    `viewing_key` names the (profile, content, device) a session belongs to.
*/
with

landed as (
    select * from {{ ref('base_streaming__playback_events') }}
    where event_id is not null
    {% if is_incremental() %}
        and {{ landed_since_last_run(ref('base_streaming__playback_events'), 'count(event_id)') }}
    {% endif %}
),

classified as (
    select
        *,
        {{ batch_row_count('event_id') }} as _batch_row_count
    from ({{ rank_raw_rows('landed', ref('base_streaming__playback_events')) }}) as judged
),

final as (
    select
        -- ids
        event_id,
        {{ surrogate_key(['profile_id', 'content_id', 'device_id']) }} as viewing_key,
        profile_id,
        account_id,
        content_id,
        device_id,
        client_session_id,
        -- strings
        event_type,
        quality,
        _broken_rule as quarantine_reason,
        -- numerics
        playback_position_seconds,
        seek_from_seconds,
        -- booleans
        autoplay,
        -- timestamps
        event_timestamp,
        _loaded_at,
        _batch_row_count
    from classified
    where _version_rank = 1
)

select * from final
