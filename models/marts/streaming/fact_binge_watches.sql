/*
    Binges: among one profile's sessions of the episodes of one series (any status, any device),
    each session's start opens an inclusive 24-hour window holding the sessions that start inside
    it; a window holding sessions of at least three distinct episodes is a binge window, and
    overlapping binge windows merge into one binge. One row per binge.

    Windows all last 24 hours, so binge windows ordered by start overlap the ones before them
    exactly when a window starts no later than 24 hours after the previous one: a gap longer than
    that starts a new binge (gaps and islands).
*/
with

episode_sessions as (
    select
        sessions.session_id,
        sessions.profile_id,
        titles.series_id,
        sessions.content_id,
        sessions.session_start_timestamp,
        sessions.session_end_timestamp
    from {{ ref('fact_viewing_sessions') }} as sessions
    inner join {{ ref('dim_content') }} as titles
        on sessions.content_id = titles.content_id
    where titles.content_type = 'episode'
),

windows as (
    select
        opener.profile_id,
        opener.series_id,
        opener.session_id as opener_session_id,
        opener.session_start_timestamp as window_start,
        count(distinct member.content_id) as episodes_in_window
    from episode_sessions as opener
    inner join episode_sessions as member
        on
            opener.profile_id = member.profile_id
            and opener.series_id = member.series_id
            and opener.session_start_timestamp <= member.session_start_timestamp
            and member.session_start_timestamp <= {{ dbt.dateadd('hour', 24, 'opener.session_start_timestamp') }}
    group by opener.profile_id, opener.series_id, opener.session_id, opener.session_start_timestamp
),

binge_windows as (
    select
        *,
        lag(window_start) over (
            partition by profile_id, series_id order by window_start, opener_session_id
        ) as previous_window_start
    from windows
    where episodes_in_window >= 3
),

islands as (
    select
        *,
        sum(
            case
                when previous_window_start is null
                    or window_start > {{ dbt.dateadd('hour', 24, 'previous_window_start') }}
                    then 1
                else 0
            end
        ) over (
            partition by profile_id, series_id
            order by window_start, opener_session_id
            rows between unbounded preceding and current row
        ) as binge_number
    from binge_windows
),

members as (
    select
        islands.profile_id,
        islands.series_id,
        islands.binge_number,
        member.content_id,
        member.session_start_timestamp,
        member.session_end_timestamp
    from islands
    inner join episode_sessions as member
        on
            islands.profile_id = member.profile_id
            and islands.series_id = member.series_id
            and islands.window_start <= member.session_start_timestamp
            and member.session_start_timestamp <= {{ dbt.dateadd('hour', 24, 'islands.window_start') }}
),

final as (
    select
        cast(
            {{ surrogate_key(['profile_id', 'series_id', 'min(session_start_timestamp)']) }}
            as {{ dbt.type_string() }}
        ) as binge_key,
        cast(profile_id as {{ dbt.type_string() }}) as profile_id,
        cast(series_id as {{ dbt.type_string() }}) as series_id,
        cast(min(session_start_timestamp) as timestamp) as binge_start,
        cast(max(session_end_timestamp) as timestamp) as binge_end,
        cast(count(distinct content_id) as integer) as episodes_watched
    from members
    group by profile_id, series_id, binge_number
)

select * from final
