{{
    config(
        materialized=incremental_materialization(),
        unique_key='profile_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        pre_hook="{{ streaming__reopen_hook('profile_id') }}",
    )
}}
/*
    One row per profile with at least one session: its total watch time and the date of its
    latest session end.

    Unlike the seed's `MERGE ... total = total + delta`, a run never adds to a stored total: it
    recomputes the totals of the profiles streaming__reopened names (those with an event
    re-sessionised since the last run, those an event moved away from, those watching a title
    that changed) from fact_viewing_sessions, which holds each session once. Loading the same day
    twice, replaying a beacon or landing a late one leaves every total right; a profile left
    without sessions goes (pre-hook).
*/
-- depends_on: {{ ref('int_streaming__session_events') }}
-- depends_on: {{ ref('int_streaming__content_current') }}
with

reopened_profiles as (
    {% if is_incremental() %}
        {{ streaming__reopened('profile_id') }}
    {% else %}
        select profile_id from {{ ref('fact_viewing_sessions') }}
    {% endif %}
),

sessions as (
    select * from {{ ref('fact_viewing_sessions') }}
    where profile_id in (select reopened_profiles.profile_id from reopened_profiles)
),

final as (
    select
        cast(profile_id as {{ dbt.type_string() }}) as profile_id,
        cast(sum(watch_time_seconds) as bigint) as total_view_time_seconds,
        cast(max(session_end_timestamp) as date) as last_activity_date,
        cast(count(*) as integer) as sessions,
        cast(max(_sessionised_at) as timestamp) as _sessionised_at,
        cast(max(_content_loaded_through) as timestamp) as _content_loaded_through
    from sessions
    group by profile_id
)

select * from final
