{#-
    Sessionisation of playback beacons (docs/contracts/streaming.md, "Sessions").

    streaming__sessionised(events): the valid beacons of whole viewings (every event of each
    `viewing_key` = one profile × one title × one device), each with its session:
      start_reason          why this event opens a session: first, after_stop, after_complete,
                            client_session_change, gap (more than 30 minutes); null inside a session
      session_id            hash of the session's first event_id (stable across rebuilds)
      event_sequence_in_session  1..n in (event_timestamp, event_id) order
      next_event_timestamp  the next event of the same session (a pause lasts until then)
      ends_session_by       on a session's last event only: stop, complete,
                            client_session_change, gap or end_of_data
    Only window functions over each viewing: a viewing is sessionised the same way whether it is
    read whole in a full refresh or reopened by an incremental run.
-#}
{% macro streaming__session_gap_seconds() -%}
    {{ return(1800) }}
{%- endmacro %}

{% macro streaming__sessionised(events) -%}
select
    numbered.*,
    {{ surrogate_key(['numbered.first_event_id']) }} as session_id,
    row_number() over (
        partition by numbered.viewing_key, numbered.session_number
        order by numbered.event_timestamp, numbered.event_id
    ) as event_sequence_in_session,
    lead(numbered.event_timestamp) over (
        partition by numbered.viewing_key, numbered.session_number
        order by numbered.event_timestamp, numbered.event_id
    ) as next_event_timestamp,
    case
        when lead(numbered.event_id) over (
            partition by numbered.viewing_key, numbered.session_number
            order by numbered.event_timestamp, numbered.event_id
        ) is null
            then case
                when numbered.event_type in ('stop', 'complete') then numbered.event_type
                when lead(numbered.start_reason) over (
                    partition by numbered.viewing_key
                    order by numbered.event_timestamp, numbered.event_id
                ) in ('client_session_change', 'gap')
                    then lead(numbered.start_reason) over (
                        partition by numbered.viewing_key
                        order by numbered.event_timestamp, numbered.event_id
                    )
                else 'end_of_data'
            end
    end as ends_session_by
from (
    select
        started.*,
        first_value(started.event_id) over (
            partition by started.viewing_key, started.session_number
            order by started.event_timestamp, started.event_id
            rows between unbounded preceding and unbounded following
        ) as first_event_id
    from (
        select
            reasoned.*,
            sum(case when reasoned.start_reason is not null then 1 else 0 end) over (
                partition by reasoned.viewing_key
                order by reasoned.event_timestamp, reasoned.event_id
                rows between unbounded preceding and current row
            ) as session_number
        from (
            select
                with_previous.*,
                case
                    when with_previous.previous_timestamp is null then 'first'
                    when with_previous.previous_event_type = 'stop' then 'after_stop'
                    when with_previous.previous_event_type = 'complete' then 'after_complete'
                    when (with_previous.client_session_id is null) != (with_previous.previous_client_session_id is null)
                        or with_previous.client_session_id != with_previous.previous_client_session_id
                        then 'client_session_change'
                    when {{ dbt.datediff('with_previous.previous_timestamp', 'with_previous.event_timestamp', 'second') }}
                        > {{ streaming__session_gap_seconds() }}
                        then 'gap'
                end as start_reason
            from (
                select
                    events.*,
                    lag(events.event_timestamp) over viewing_order as previous_timestamp,
                    lag(events.event_type) over viewing_order as previous_event_type,
                    lag(events.client_session_id) over viewing_order as previous_client_session_id
                from {{ events }} as events
                window viewing_order as (partition by events.viewing_key order by events.event_timestamp, events.event_id)
            ) as with_previous
        ) as reasoned
    ) as started
) as numbered
{%- endmacro %}

{#-
    streaming__reopened(column): the values of `column` ('viewing_key', 'profile_id' or
    'event_id') whose rows an incremental streaming model must rewrite on this run: those of the
    events int_streaming__session_events wrote since the model last read it (its newest
    `_sessionised_at`; inclusive, since a batch may land in parts under one stamp), the viewing or
    profile such an event belonged to before (`_previous_*`), and those of the titles whose
    duration or credits position changed (or that landed) since the catalogue the model last read
    (its newest `_content_loaded_through`). The model's pre-hook deletes them (so that a session
    merged away, renamed or left without events goes) and its SQL writes them again.
-#}
{% macro streaming__reopened(column) -%}
    {%- set previous = {'viewing_key': '_previous_viewing_key', 'profile_id': '_previous_profile_id'} -%}
    select written.{{ column }}
    from {{ ref('int_streaming__session_events') }} as written
    where written._sessionised_at >= {{ incremental_watermark('_sessionised_at') }}
    {%- if column in previous %}
    union
    select moved.{{ previous[column] }}
    from {{ ref('int_streaming__session_events') }} as moved
    where
        moved._sessionised_at >= {{ incremental_watermark('_sessionised_at') }}
        and moved.{{ previous[column] }} is not null
    {%- endif %}
    union
    select retitled.{{ column }}
    from {{ ref('int_streaming__session_events') }} as retitled
    where retitled.content_id in (
        select changed.content_id
        from {{ ref('int_streaming__content_current') }} as changed
        where changed._attributes_since >= {{ incremental_watermark('_content_loaded_through') }}
    )
{%- endmacro %}

{#- streaming__reopen_hook(column): the pre-hook deleting the rows streaming__reopened names. -#}
{% macro streaming__reopen_hook(column) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ column }} in ({{ streaming__reopened(column) }})
    {%- endif -%}
{%- endmacro %}

{#-
    The completion statuses (dim_completion_status), in the order they are decided.
-#}
{% macro streaming__completion_statuses() -%}
    {{ return([
        {'key': 1, 'status': 'completed',
         'description': 'The session has a complete event, or reached the credits (watched_credits).'},
        {'key': 2, 'status': 'stopped',
         'description': 'Not completed, and the session ended with a stop event.'},
        {'key': 3, 'status': 'abandoned',
         'description': 'Neither: the session ended by 30 minutes of silence, a client session change, or the end of the data.'},
    ]) }}
{%- endmacro %}

{#- streaming__quality_rank(expression): SD 1 < HD 2 < FHD 3 < UHD 4, null otherwise; and back. -#}
{% macro streaming__quality_rank(expression) -%}
    case {{ expression }}
        {%- for quality in streaming__qualities() %}
        when '{{ quality }}' then {{ loop.index }}
        {%- endfor %}
    end
{%- endmacro %}

{% macro streaming__quality_of_rank(expression) -%}
    case {{ expression }}
        {%- for quality in streaming__qualities() %}
        when {{ loop.index }} then '{{ quality }}'
        {%- endfor %}
    end
{%- endmacro %}

{#-
    streaming__session_measures(session_events): one row per session from its sessionised events
    (int_streaming__session_events rows): everything a session measures that does not depend on
    the title's catalogue entry.
-#}
{% macro streaming__session_measures(session_events) -%}
select
    session_id,
    viewing_key,
    profile_id,
    content_id,
    device_id,
    min(event_timestamp) as session_start_timestamp,
    max(event_timestamp) as session_end_timestamp,
    count(*) as event_count,
    max(case when event_sequence_in_session = 1 then client_session_id end) as client_session_id,
    max(case when event_sequence_in_session = 1 and autoplay then 1 else 0 end) = 1 as autoplay_enabled,
    max(case when ends_session_by is not null then playback_position_seconds end) as last_position_seconds,
    max(ends_session_by) as ended_by,
    max(case when event_type = 'complete' then 1 else 0 end) = 1 as has_complete_event,
    sum(case when event_type = 'pause' then 1 else 0 end) as number_of_pauses,
    sum(
        case
            when event_type = 'pause' and next_event_timestamp is not null
                then {{ dbt.datediff('event_timestamp', 'next_event_timestamp', 'second') }}
            else 0
        end
    ) as total_pause_duration_seconds,
    sum(case when event_type = 'seek' and playback_position_seconds < seek_from_seconds then 1 else 0 end)
        as number_of_rewinds,
    sum(case when event_type = 'seek' and playback_position_seconds > seek_from_seconds then 1 else 0 end)
        as number_of_forwards,
    max({{ streaming__quality_rank('quality') }}) as max_quality_rank,
    max(greatest(playback_position_seconds, coalesce(seek_from_seconds, playback_position_seconds)))
        as furthest_position_seconds,
    max(_sessionised_at) as _sessionised_at
from {{ session_events }}
group by session_id, viewing_key, profile_id, content_id, device_id
{%- endmacro %}
