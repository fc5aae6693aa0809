{{
    config(
        materialized=incremental_materialization(),
        unique_key='session_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        pre_hook="{{ streaming__reopen_hook('viewing_key') }}",
    )
}}
/*
    One row per viewing session (docs/contracts/streaming.md): the beacons of
    int_streaming__session_events summed up per session (streaming__session_measures), with the
    title's length and credits mark from the catalogue. Beacons of a title the catalogue does not
    hold are in quarantine (unknown_content), and so are not sessions here.

    Why incremental, and why it equals a full refresh: a run rewrites whole viewings (one profile ×
    one title × one device), those streaming__reopened names: the ones int_streaming__session_events
    re-sessionised since the last run, the ones an event moved out of, and those of titles whose
    length or credits changed. The pre-hook first deletes every session of those viewings, so a
    session that a late event merged away or renamed (its first event changed) goes, as does one
    left without valid events; delete+insert alone would keep them. A run also rewrites the
    viewings whose profile or device became known (or unknown) since their sessions were written:
    only their user_key or device_key changes, so delete+insert on session_id is enough (a device
    landing after its beacons once left device_key null until a full refresh). On Spark the model
    is rebuilt whole on every run (incremental_materialization).
*/
-- depends_on: {{ ref('int_streaming__session_events') }}
-- depends_on: {{ ref('int_streaming__content_current') }}
with

reopened_viewings as (
    {% if is_incremental() %}
        {{ streaming__reopened('viewing_key') }}
        union
        -- and the viewings whose profile or device became known (or unknown) since their sessions
        -- were written: only their keys change, and delete+insert on session_id replaces them
        select stale.viewing_key
        from {{ this }} as stale
        where
            (stale.device_key is null)
            = (stale.device_id in (select devices.device_id from {{ ref('stg_streaming__devices') }} as devices))
            or (stale.user_key is null)
            = (stale.profile_id in (select profiles.profile_id from {{ ref('stg_streaming__profiles') }} as profiles))
    {% else %}
        select distinct viewing_key from {{ ref('int_streaming__session_events') }}
    {% endif %}
),

session_events as {{ cte_hint('inline') }} (
    select * from {{ ref('int_streaming__session_events') }}
    where
        quarantine_reason is null
        and viewing_key in (select reopened_viewings.viewing_key from reopened_viewings)
),

measured as (
    {{ streaming__session_measures('session_events') }}
),

content as (
    select * from {{ ref('int_streaming__content_current') }}
),

known_profiles as (
    select distinct profile_id from {{ ref('stg_streaming__profiles') }}
),

known_devices as (
    select device_id from {{ ref('stg_streaming__devices') }}
),

judged as (
    select
        measured.*,
        content.duration_seconds,
        content.credits_start_seconds,
        content._loaded_through as _content_loaded_through,
        {{ dbt.datediff('measured.session_start_timestamp', 'measured.session_end_timestamp', 'second') }}
            as session_duration_seconds,
        coalesce(
            measured.furthest_position_seconds
            >= coalesce(content.credits_start_seconds, content.duration_seconds),
            false
        ) as watched_credits
    from measured
    inner join content
        on measured.content_id = content.content_id
),

statuses as (
    select
        judged.*,
        case
            when judged.has_complete_event or judged.watched_credits then 'completed'
            when judged.ended_by = 'stop' then 'stopped'
            else 'abandoned'
        end as completion_status
    from judged
),

final as (
    select
        cast(statuses.session_id as {{ dbt.type_string() }}) as session_id,
        cast(
            case when known_profiles.profile_id is not null then {{ surrogate_key(['statuses.profile_id']) }} end
            as {{ dbt.type_string() }}
        ) as user_key,
        cast(statuses.profile_id as {{ dbt.type_string() }}) as profile_id,
        cast({{ surrogate_key(['statuses.content_id']) }} as {{ dbt.type_string() }}) as content_key,
        cast(statuses.content_id as {{ dbt.type_string() }}) as content_id,
        cast(
            case when known_devices.device_id is not null then {{ surrogate_key(['statuses.device_id']) }} end
            as {{ dbt.type_string() }}
        ) as device_key,
        cast(statuses.device_id as {{ dbt.type_string() }}) as device_id,
        {{ date_key('statuses.session_start_timestamp') }} as date_key,
        {{ time_key('statuses.session_start_timestamp') }} as time_key,
        cast(statuses.session_start_timestamp as timestamp) as session_start_timestamp,
        cast(statuses.session_end_timestamp as timestamp) as session_end_timestamp,
        cast(statuses.session_duration_seconds as integer) as session_duration_seconds,
        cast(case statuses.completion_status
            {%- for status in streaming__completion_statuses() %}
                when '{{ status.status }}' then {{ status.key }}
            {%- endfor %}
        end as integer) as completion_status_key,
        cast(statuses.completion_status as {{ dbt.type_string() }}) as completion_status,
        cast(statuses.last_position_seconds as integer) as playback_position_seconds,
        cast(statuses.duration_seconds as integer) as total_content_length_seconds,
        cast(statuses.total_pause_duration_seconds as integer) as total_pause_duration_seconds,
        cast(statuses.number_of_pauses as integer) as number_of_pauses,
        cast(statuses.number_of_rewinds as integer) as number_of_rewinds,
        cast(statuses.number_of_forwards as integer) as number_of_forwards,
        cast({{ streaming__quality_of_rank('statuses.max_quality_rank') }} as {{ dbt.type_string() }})
            as max_playback_quality,
        cast(
            case
                when statuses.duration_seconds is null or statuses.duration_seconds <= 0 then null
                when statuses.last_position_seconds >= statuses.duration_seconds then 100
                -- half-up to two decimals, in integers: floor((2 * 10000 * p + L) / (2 * L)) / 100
                else floor(
                        (20000.0 * statuses.last_position_seconds + statuses.duration_seconds)
                        / (2.0 * statuses.duration_seconds)
                    ) / 100
            end
            as decimal(5, 2)
        ) as completion_percentage,
        cast(statuses.watched_credits as boolean) as watched_credits,
        cast(statuses.autoplay_enabled as boolean) as autoplay_enabled,
        cast(statuses.session_duration_seconds - statuses.total_pause_duration_seconds as integer)
            as watch_time_seconds,
        cast({{ dbt.concat([
            "'{\"client_session_id\": '",
            "coalesce(" ~ dbt.concat(["'\"'", "replace(statuses.client_session_id, '\"', '')", "'\"'"]) ~ ", 'null')",
            "', \"event_count\": '", "cast(statuses.event_count as " ~ dbt.type_string() ~ ")",
            "', \"ended_by\": \"'", "statuses.ended_by",
            "'\", \"furthest_position_seconds\": '",
            "cast(statuses.furthest_position_seconds as " ~ dbt.type_string() ~ ")",
            "'}'",
        ]) }} as {{ dbt.type_string() }}) as session_metadata,
        cast(statuses.viewing_key as {{ dbt.type_string() }}) as viewing_key,
        cast(statuses._sessionised_at as timestamp) as _sessionised_at,
        cast(statuses._content_loaded_through as timestamp) as _content_loaded_through
    from statuses
    left join known_profiles
        on statuses.profile_id = known_profiles.profile_id
    left join known_devices
        on statuses.device_id = known_devices.device_id
)

select * from final
