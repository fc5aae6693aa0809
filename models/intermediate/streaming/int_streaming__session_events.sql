{{
    config(
        materialized=incremental_materialization(),
        unique_key='event_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
/*
    One row per event: every current beacon, the valid ones with their session
    (streaming__sessionised), the quarantined ones with their reason and no session.

    Why incremental, and why it equals a full refresh: a session depends only on the events of
    its viewing (one profile × one title × one device). A run reads the beacons landed since the
    last run and re-sessionises, whole, every viewing they touch: the viewing each landed event
    belongs to now, and the one it belonged to before (an event whose profile, title or device
    was corrected moves between viewings; one re-sent broken leaves its viewing). A late or
    out-of-order event can thus merge two sessions, split one, or become a session's new first
    event; the viewing's other sessions come out as before. Viewings nothing landed in are not
    read.

    Audit columns for the models downstream, which reopen what this run rewrote:
      _sessionised_at         the newest `_loaded_at` the run that wrote the row had read
      _previous_viewing_key   the viewing (and _previous_profile_id the profile) the event
                              belonged to before this run, when it changed
*/
with

staged as {{ cte_hint('inline') }} (
    select * from {{ ref('stg_streaming__playback_events') }}
),

landed as (
    select * from staged
    {% if is_incremental() %}
        where {{ landed_since_last_run(ref('stg_streaming__playback_events'), 'max(_batch_row_count)') }}
    {% endif %}
),

before_this_run as (
    {% if is_incremental() %}
        select
            previous.event_id,
            previous.viewing_key,
            previous.profile_id
        from {{ this }} as previous
        where previous.event_id in (select landed.event_id from landed)
    {% else %}
        select
            cast(null as {{ dbt.type_string() }}) as event_id,
            cast(null as {{ dbt.type_string() }}) as viewing_key,
            cast(null as {{ dbt.type_string() }}) as profile_id
        where 1 = 0
    {% endif %}
),

reopened_viewings as (
    select viewing_key from landed
    where quarantine_reason is null
    union
    select viewing_key from before_this_run
    where viewing_key is not null
),

viewing_events as (
    select * from staged
    where
        quarantine_reason is null
        and viewing_key in (select reopened_viewings.viewing_key from reopened_viewings)
),

sessionised as (
    {{ streaming__sessionised('viewing_events') }}
),

all_rows as (
    select
        event_id,
        viewing_key,
        session_id,
        profile_id,
        account_id,
        content_id,
        device_id,
        client_session_id,
        event_type,
        quality,
        cast(null as {{ dbt.type_string() }}) as quarantine_reason,
        start_reason,
        ends_session_by,
        cast(event_sequence_in_session as integer) as event_sequence_in_session,
        playback_position_seconds,
        seek_from_seconds,
        autoplay,
        event_timestamp,
        next_event_timestamp,
        _loaded_at,
        _batch_row_count
    from sessionised
    union all
    select
        event_id,
        viewing_key,
        cast(null as {{ dbt.type_string() }}) as session_id,
        profile_id,
        account_id,
        content_id,
        device_id,
        client_session_id,
        event_type,
        quality,
        quarantine_reason,
        cast(null as {{ dbt.type_string() }}) as start_reason,
        cast(null as {{ dbt.type_string() }}) as ends_session_by,
        cast(null as integer) as event_sequence_in_session,
        playback_position_seconds,
        seek_from_seconds,
        autoplay,
        event_timestamp,
        cast(null as timestamp) as next_event_timestamp,
        _loaded_at,
        _batch_row_count
    from landed
    where quarantine_reason is not null
),

final as (
    select
        all_rows.*,
        cast((select max(landed._loaded_at) from landed) as timestamp) as _sessionised_at,
        case
            when before_this_run.viewing_key != coalesce(all_rows.viewing_key, '')
                then before_this_run.viewing_key
        end as _previous_viewing_key,
        case
            when before_this_run.profile_id != coalesce(all_rows.profile_id, '')
                then before_this_run.profile_id
        end as _previous_profile_id
    from all_rows
    left join before_this_run
        on all_rows.event_id = before_this_run.event_id
)

select * from final
