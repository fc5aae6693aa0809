{{
    config(
        materialized=incremental_materialization(),
        unique_key=['company_id', 'activity_date'],
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        post_hook="{% if is_incremental() %}delete from {{ this }} where events = 0{% endif %}",
    )
}}
-- depends_on: {{ ref('stg_company_activity__product_event_days') }} (read by incremental runs only)
/*
    Events and distinct active users per company per day with events.

    Why incremental, and why it is correct:
    - A run re-aggregates only the company-days touched by events whose current state changed
      since the newest `max_event_loaded_at` already here: the day each such event counts in
      now, and every day any good version of it counted in (stg_company_activity__product_event_days).
      Each touched day is recomputed from all current good events, never patched with deltas.
    - Duplicates never double count: staging holds one row per event_id.
    - Corrections replace: a corrected event touches its old day and its new one.
    - A late event of any age is counted on the next run: selection is by load stamp.
    - A touched day left with no events comes through as a zero row and the post-hook deletes it
      (this mart's grain is days with events).
    - The work grows with the newly landed rows; there is no fixed look-back window.
    On Spark the model is rebuilt whole on every run (incremental_materialization).
*/
with

events as (
    select * from {{ ref('stg_company_activity__product_events') }}
),

{% if is_incremental() %}
-- the day each event changed since the newest stamp here is in now (good or not: a newly
-- quarantined event must leave the day it counted in), and every day a good version of it
-- counted in
{{ company_activity__touched_days('events', incremental_watermark('max_event_loaded_at')) }},
{% endif %}

good_events as (
    select events.* from events
    {% if is_incremental() %}
        inner join touched_days
            on
                events.company_id = touched_days.company_id
                and events.activity_date = touched_days.activity_date
    {% endif %}
    where events.quarantine_reason is null
),

daily as (
    select
        company_id,
        activity_date,
        count(*) as events,
        count(distinct user_id) as active_users,
        max(_loaded_at) as max_event_loaded_at
    from good_events
    group by company_id, activity_date
),

days as (
    -- the company-days this run writes: the touched ones, or on a full build every day with events
    select
        company_id,
        activity_date
    {% if is_incremental() -%}
        from touched_days
    {%- else -%}
        from daily
    {%- endif %}
),

final as (
    select
        cast(days.company_id as {{ dbt.type_string() }}) as company_id,
        cast(days.activity_date as date) as activity_date,
        cast(coalesce(daily.events, 0) as integer) as events,
        cast(coalesce(daily.active_users, 0) as integer) as active_users,
        cast(daily.max_event_loaded_at as timestamp) as max_event_loaded_at
    from days
    left join daily
        on
            days.company_id = daily.company_id
            and days.activity_date = daily.activity_date
)

select * from final
