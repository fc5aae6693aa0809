/*
    One row per company per calendar day, from the company's first event date through the
    as-of date, with the daily and rolling activity metrics (company_activity__rolled_days). Days
    without events are rows of zeros, so every window runs over whole calendar days.
    fact_company_activity reads this on a full build; its incremental runs compute the same
    rows, with the same macro, for the company-days a batch can change.
*/
with

user_days as (
    select * from {{ ref('int_company_activity__company_user_days') }}
),

calendar as (
    select * from {{ ref('int_calendar_days') }}
),

spans as (
    -- one span per company: its first event date through the as-of date
    select
        company_id,
        1 as span_id,
        min(activity_date) as output_from,
        {{ company_activity__as_of('user_days', 'activity_date') }} as output_to
    from user_days
    group by company_id
),

{{ company_activity__rolled_days('user_days', 'spans', 'calendar') }},

final as (
    select
        company_id,
        activity_date,
        active_users,
        events,
        active_users_7d,
        is_churn_risk,
        events_loaded_at
    from rolled_days
)

select * from final
