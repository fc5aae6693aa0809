{#-
    The building blocks of the company-activity daily marts, shared by their full builds and
    their incremental runs, so that both compute every number the same way.

    company_activity__touched_days(events, since)
        CTEs `changed_events` and `touched_days`: the events whose current state changed since
        `since` (staging `_loaded_at` >= it), and every (company_id, activity_date) they touch:
        the day each is in now (good or not: a newly quarantined event must leave the day it
        counted in) and every day a good version of it ever counted in
        (stg_company_activity__product_event_days).

    company_activity__user_days(good_events)
        A query: the good events as user-days (company_id, user_id, activity_date, events,
        events_loaded_at), the input of company_activity__rolled_days. The full build's
        int_company_activity__company_user_days and the fact's incremental runs both use it.

    company_activity__as_of(relation, column)
        The domain's as-of date: var('run_date'), else the latest `column` in `relation` (the
        latest good event date).

    company_activity__rolled_days(user_days, spans, calendar)
        CTE definitions ending in `rolled_days`: one row per span day with the daily and rolling
        activity metrics, computed only from what the spans need.
          user_days good events as user-days (company_id, user_id, activity_date, events,
                    events_loaded_at: the newest `_loaded_at` among them)
          spans     (company_id, span_id, output_from, output_to): the company-days to compute,
                    as ranges; rows come out for every calendar day in [output_from, output_to]
          calendar  the date spine (date_day)
        A day's metrics read the 13 days before it and nothing earlier: `active_users_7d` counts
        users truly distinct over the 7 days ending it, `is_churn_risk` looks at the 14. So each
        span reads events from output_from - 13 on, and a span's result equals what a computation
        over the company's whole history gives for those days.
        active_users_7d without a range join: each user-day opens a window [d, d + 6]; clipped
        to start after the same user's previous window, the windows of one user never overlap,
        so a running sum of +1 at each window's start and -1 the day after its end gives the
        distinct count on every date.
-#}
{% macro company_activity__touched_days(events, since) -%}
changed_events as (
    select * from {{ events }}
    where _loaded_at >= {{ since }}
),

touched_days as (
    select
        company_id,
        activity_date
    from changed_events
    where company_id is not null and activity_date is not null

    union

    select
        event_days.company_id,
        event_days.activity_date
    from {{ ref('stg_company_activity__product_event_days') }} as event_days
    inner join changed_events
        on event_days.event_id = changed_events.event_id
)
{%- endmacro %}

{% macro company_activity__user_days(good_events) -%}
    select
        company_id,
        user_id,
        activity_date,
        cast(count(*) as integer) as events,
        max(_loaded_at) as events_loaded_at
    from {{ good_events }}
    group by company_id, user_id, activity_date
{%- endmacro %}

{% macro company_activity__as_of(relation, column) -%}
    {%- if var('run_date') -%}
        cast('{{ var("run_date") }}' as date)
    {%- else -%}
        (select max(as_of_source.{{ column }}) from {{ relation }} as as_of_source)
    {%- endif -%}
{%- endmacro %}

{% macro company_activity__rolled_days(user_days, spans, calendar) -%}
span_user_days as (
    -- each span's input: its companies' user-days from 13 days before it on
    select
        {{ user_days }}.company_id,
        {{ spans }}.span_id,
        {{ user_days }}.user_id,
        {{ user_days }}.activity_date,
        {{ user_days }}.events,
        {{ user_days }}.events_loaded_at
    from {{ user_days }}
    inner join {{ spans }}
        on
            {{ user_days }}.company_id = {{ spans }}.company_id
            and {{ user_days }}.activity_date >= {{ dbt.dateadd('day', -13, spans ~ '.output_from') }}
            and {{ user_days }}.activity_date <= {{ spans }}.output_to
),

span_calendar as (
    select
        {{ spans }}.company_id,
        {{ spans }}.span_id,
        {{ calendar }}.date_day as activity_date
    from {{ spans }}
    inner join {{ calendar }}
        on
            {{ calendar }}.date_day >= {{ dbt.dateadd('day', -13, spans ~ '.output_from') }}
            and {{ calendar }}.date_day <= {{ spans }}.output_to
),

span_daily as (
    select
        company_id,
        span_id,
        activity_date,
        sum(events) as events,
        count(*) as active_users,
        max(events_loaded_at) as events_loaded_at
    from span_user_days
    group by company_id, span_id, activity_date
),

span_user_windows as (
    select
        company_id,
        span_id,
        activity_date,
        lag(activity_date) over (
            partition by company_id, span_id, user_id order by activity_date
        ) as previous_active_date
    from span_user_days
),

span_window_changes as (
    select
        company_id,
        span_id,
        case
            when previous_active_date is not null
                and {{ dbt.dateadd('day', 7, 'previous_active_date') }} > activity_date
                then cast({{ dbt.dateadd('day', 7, 'previous_active_date') }} as date)
            else activity_date
        end as change_date,
        1 as user_change
    from span_user_windows

    union all

    select
        company_id,
        span_id,
        cast({{ dbt.dateadd('day', 7, 'activity_date') }} as date) as change_date,
        -1 as user_change
    from span_user_windows
),

span_daily_changes as (
    select
        company_id,
        span_id,
        change_date,
        sum(user_change) as user_change
    from span_window_changes
    group by company_id, span_id, change_date
),

span_filled as (
    select
        span_calendar.company_id,
        span_calendar.span_id,
        span_calendar.activity_date,
        coalesce(span_daily.events, 0) as events,
        coalesce(span_daily.active_users, 0) as active_users,
        span_daily.events_loaded_at,
        coalesce(span_daily_changes.user_change, 0) as user_change
    from span_calendar
    left join span_daily
        on
            span_calendar.company_id = span_daily.company_id
            and span_calendar.span_id = span_daily.span_id
            and span_calendar.activity_date = span_daily.activity_date
    left join span_daily_changes
        on
            span_calendar.company_id = span_daily_changes.company_id
            and span_calendar.span_id = span_daily_changes.span_id
            and span_calendar.activity_date = span_daily_changes.change_date
),

span_rolled as (
    select
        company_id,
        span_id,
        activity_date,
        active_users,
        events,
        events_loaded_at,
        sum(user_change) over (
            partition by company_id, span_id order by activity_date
            rows between unbounded preceding and current row
        ) as active_users_7d,
        -- the calendar has every day, so 14 rows are 14 calendar days
        sum(events) over (
            partition by company_id, span_id order by activity_date
            rows between 13 preceding and current row
        ) = 0 as is_churn_risk
    from span_filled
),

rolled_days as (
    select
        span_rolled.company_id,
        span_rolled.activity_date,
        cast(span_rolled.active_users as integer) as active_users,
        cast(span_rolled.events as integer) as events,
        cast(span_rolled.active_users_7d as integer) as active_users_7d,
        span_rolled.is_churn_risk,
        span_rolled.events_loaded_at
    from span_rolled
    inner join {{ spans }}
        on
            span_rolled.company_id = {{ spans }}.company_id
            and span_rolled.span_id = {{ spans }}.span_id
    where span_rolled.activity_date >= {{ spans }}.output_from
)
{%- endmacro %}

{#-
    company_activity__drop_stale_days(relation): the fact's post-hook on incremental runs. Deletes
    the days that no longer belong: after the as-of date (it moved back), before a company's first
    good event (its earliest events were corrected away), or of a company left without any.
-#}
{% macro company_activity__drop_stale_days(relation) -%}
    delete from {{ relation }}
    where
        activity_date > {{ company_activity__as_of(good_company_events(), 'activity_date') }}
        or not exists (
            select 1
            from (
                select
                    company_id,
                    min(activity_date) as first_day
                from {{ good_company_events() }} as good_events
                group by company_id
            ) as firsts
            where
                firsts.company_id = {{ relation }}.company_id
                and firsts.first_day <= {{ relation }}.activity_date
        )
{%- endmacro %}

{#- good_company_events(): the current good product events, as a subquery. -#}
{% macro good_company_events() -%}
    (select * from {{ ref('stg_company_activity__product_events') }} where quarantine_reason is null)
{%- endmacro %}
