/*
    One row per company per calendar day, from the company's first event date through the
    as-of date, with the daily and rolling activity metrics. Days without events are rows of
    zeros, so every window below runs over whole calendar days.

    active_users_7d counts users truly distinct over the 7 days ending each date, without a range
    join: each user-day opens a window [d, d + 6]; clipped to start after the same user's
    previous window, the windows of one user never overlap, so a running sum of +1 at each
    window's start and -1 the day after its end gives the distinct count on every date.
*/
with

user_days as (
    select * from {{ ref('int_company_activity__company_user_days') }}
),

calendar as (
    select * from {{ ref('int_calendar_days') }}
),

as_of as (
    select
        cast(
            {%- if var('run_date') %} '{{ var("run_date") }}'
            {%- else %} (select max(user_days.activity_date) from user_days)
            {%- endif %} as date
        ) as as_of_date
),

companies as (
    select
        company_id,
        min(activity_date) as first_activity_date
    from user_days
    group by company_id
),

company_calendar as (
    select
        companies.company_id,
        calendar.date_day as activity_date
    from companies
    cross join as_of
    inner join calendar
        on
            companies.first_activity_date <= calendar.date_day
            and as_of.as_of_date >= calendar.date_day
),

daily as (
    select
        company_id,
        activity_date,
        cast(sum(events) as integer) as events,
        cast(count(*) as integer) as active_users
    from user_days
    group by company_id, activity_date
),

user_windows as (
    select
        company_id,
        activity_date,
        lag(activity_date) over (
            partition by company_id, user_id order by activity_date
        ) as previous_active_date
    from user_days
),

window_changes as (
    select
        company_id,
        case
            when previous_active_date is not null
                and {{ dbt.dateadd('day', 7, 'previous_active_date') }} > activity_date
                then cast({{ dbt.dateadd('day', 7, 'previous_active_date') }} as date)
            else activity_date
        end as change_date,
        1 as user_change
    from user_windows

    union all

    select
        company_id,
        cast({{ dbt.dateadd('day', 7, 'activity_date') }} as date) as change_date,
        -1 as user_change
    from user_windows
),

daily_changes as (
    select
        company_id,
        change_date,
        sum(user_change) as user_change
    from window_changes
    group by company_id, change_date
),

filled as (
    select
        company_calendar.company_id,
        company_calendar.activity_date,
        coalesce(daily.events, 0) as events,
        coalesce(daily.active_users, 0) as active_users,
        coalesce(daily_changes.user_change, 0) as user_change
    from company_calendar
    left join daily
        on
            company_calendar.company_id = daily.company_id
            and company_calendar.activity_date = daily.activity_date
    left join daily_changes
        on
            company_calendar.company_id = daily_changes.company_id
            and company_calendar.activity_date = daily_changes.change_date
),

final as (
    select
        company_id,
        activity_date,
        active_users,
        events,
        cast(sum(user_change) over (
            partition by company_id order by activity_date
            rows between unbounded preceding and current row
        ) as integer) as active_users_7d,
        -- the calendar has every day, so 14 rows are 14 calendar days
        sum(events) over (
            partition by company_id order by activity_date
            rows between 13 preceding and current row
        ) = 0 as is_churn_risk
    from filled
)

select * from final
