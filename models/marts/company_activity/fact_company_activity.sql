{{
    config(
        materialized=incremental_materialization(),
        unique_key=['company_id', 'activity_date'],
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        post_hook="{% if is_incremental() %}{{ company_activity__drop_stale_days(this) }}{% endif %}",
    )
}}
-- depends_on: {{ ref('stg_company_activity__product_events') }} (these three: incremental runs)
-- depends_on: {{ ref('stg_company_activity__product_event_days') }}
-- depends_on: {{ ref('int_calendar_days') }}
/*
    One row per company per calendar day, from the company's first event through the as-of date:
    the daily and rolling activity metrics with the CRM attributes in effect that day.
    CRM attributes are point in time (SCD2): the version whose [valid_from, valid_to) holds the
    day, the earliest version also covering the days before it; after a deletion they are null.

    Why incremental, and why it equals a full refresh: a run recomputes only the company-days a
    batch can change, each from all the data it depends on (company_activity__rolled_days, the
    same macro the full build uses through int_company_activity__company_days_rolled):
    - every day touched by an event whose state changed since the newest `_events_loaded_at`
      here (its day now and every day a good version of it counted in), and the 13 days after
      it, whose 7-day users and 14-day churn flag read it;
    - the new as-of days, for every company;
    - for a company whose CRM history changed (a new version or a deletion on or before the
      as-of date: the latest start of a CRM state differs from the newest `_crm_version_from`
      here), every day from the state it had; all its days when it had none (the first version
      covers earlier days);
    - for a company new to the mart, or whose first event moved earlier, all its days.
    Overlapping ranges of a company are merged, so each day is computed once. The post-hook
    deletes what no longer belongs: days after the as-of date, days before a company's first
    event, companies left without good events. A run's work grows with the company-days it
    touches, not with the mart's history.
    On Spark the model is rebuilt whole on every run (incremental_materialization).
*/
with

{% if is_incremental() %}
events as {{ cte_hint('inline') }} (
    -- read where used (not materialized): each use filters the 10M-row scale table differently
    select * from {{ ref('stg_company_activity__product_events') }}
),

good_events as {{ cte_hint('inline') }} (
    select * from events
    where quarantine_reason is null
),

calendar as (
    select * from {{ ref('int_calendar_days') }}
),

current_fact as (
    select
        company_id,
        activity_date,
        _crm_version_from
    from {{ this }}
),

{{ company_activity__touched_days('events', incremental_watermark('_events_loaded_at')) }},

bounds as (
    select
        {{ company_activity__as_of('good_events', 'activity_date') }} as as_of_date,
        (select max(current_fact.activity_date) from current_fact) as previous_as_of_date
),

firsts as (
    -- each company's first good event
    select
        company_id,
        min(activity_date) as first_day
    from good_events
    group by company_id
),

applied as (
    -- what the mart has for each company: its first day and the newest CRM state it applied
    select
        company_id,
        min(activity_date) as first_day,
        max(_crm_version_from) as applied_crm_from
    from current_fact
    group by company_id
),

crm_states as (
    -- the newest start of a CRM state in effect on a day up to the as-of date: a version (the
    -- first one covers the days before it, however late it starts), or a deletion
    select
        versions.company_id,
        max(
            case
                when versions.valid_to is not null and cast(versions.valid_to as date) <= bounds.as_of_date
                    then versions.valid_to
                when cast(versions.valid_from as date) <= bounds.as_of_date or versions.version_number = 1
                    then versions.valid_from
            end
        ) as latest_crm_from
    from (
        select
            company_id,
            valid_from,
            valid_to,
            row_number() over (partition by company_id order by valid_from) as version_number
        from {{ ref('dim_companies') }}
    ) as versions
    cross join bounds
    group by versions.company_id
),

requested as (
    -- touched days and the 13 days their windows reach
    select
        touched_days.company_id,
        touched_days.activity_date as range_from,
        cast({{ dbt.dateadd('day', 13, 'touched_days.activity_date') }} as date) as range_to
    from touched_days

    union all

    -- the new as-of days
    select
        applied.company_id,
        cast({{ dbt.dateadd('day', 1, 'bounds.previous_as_of_date') }} as date) as range_from,
        bounds.as_of_date as range_to
    from applied
    cross join bounds

    union all

    -- CRM history changed: from the state the mart had (all days when it had none)
    select
        applied.company_id,
        cast(coalesce(applied.applied_crm_from, applied.first_day) as date) as range_from,
        bounds.as_of_date as range_to
    from applied
    inner join crm_states
        on applied.company_id = crm_states.company_id
    cross join bounds
    where applied.applied_crm_from is distinct from crm_states.latest_crm_from

    union all

    -- new companies, and companies whose first event moved earlier: all their days
    select
        firsts.company_id,
        firsts.first_day as range_from,
        bounds.as_of_date as range_to
    from firsts
    left join applied
        on firsts.company_id = applied.company_id
    cross join bounds
    where applied.company_id is null or firsts.first_day < applied.first_day
),

clipped as (
    select
        requested.company_id,
        case
            when requested.range_from > firsts.first_day then requested.range_from else firsts.first_day
        end as range_from,
        case
            when requested.range_to < bounds.as_of_date then requested.range_to else bounds.as_of_date
        end as range_to
    from requested
    inner join firsts
        on requested.company_id = firsts.company_id
    cross join bounds
),

ordered_ranges as (
    select
        company_id,
        range_from,
        range_to,
        max(range_to) over (
            partition by company_id order by range_from, range_to
            rows between unbounded preceding and 1 preceding
        ) as reach_before
    from clipped
    where range_from <= range_to
),

numbered_ranges as (
    -- a range starts a new span unless it overlaps or touches the ranges before it
    select
        company_id,
        range_from,
        range_to,
        sum(
            case
                when reach_before is null or range_from > {{ dbt.dateadd('day', 1, 'reach_before') }} then 1
                else 0
            end
        ) over (
            partition by company_id order by range_from, range_to
            rows between unbounded preceding and current row
        ) as span_id
    from ordered_ranges
),

spans as (
    select
        company_id,
        span_id,
        min(range_from) as output_from,
        max(range_to) as output_to
    from numbered_ranges
    group by company_id, span_id
),

span_input_events as (
    -- the good events the spans read: from 13 days before each span on
    select good_events.* from good_events
    where exists (
        select 1 from spans
        where
            spans.company_id = good_events.company_id
            and good_events.activity_date >= {{ dbt.dateadd('day', -13, 'spans.output_from') }}
            and good_events.activity_date <= spans.output_to
    )
),

span_input_user_days as (
    {{ company_activity__user_days('span_input_events') }}
),

{{ company_activity__rolled_days('span_input_user_days', 'spans', 'calendar') }},
{% endif %}

activity as (
    {% if is_incremental() %}
        select * from rolled_days
    {% else %}
        select * from {{ ref('int_company_activity__company_days_rolled') }}
    {% endif %}
),

companies as (
    select
        *,
        row_number() over (partition by company_id order by valid_from) = 1 as is_first_version
    from {{ ref('dim_companies') }}
),

joined as (
    select
        activity.*,
        companies.company_name,
        companies.country,
        companies.industry_tag,
        companies.last_contact_at,
        cast(companies.last_contact_at as date) as last_contact_date,
        companies.valid_from as crm_version_from
    from activity
    left join companies
        on
            activity.company_id = companies.company_id
            and (companies.is_first_version or activity.activity_date >= cast(companies.valid_from as date))
            and (companies.valid_to is null or activity.activity_date < cast(companies.valid_to as date))
),

deletion_states as (
    -- days without a version in effect, after a company's deletion: the deletion is their state
    select
        joined.company_id,
        joined.activity_date,
        max(companies.valid_to) as deleted_from
    from joined
    inner join companies
        on
            joined.company_id = companies.company_id
            and cast(companies.valid_to as date) <= joined.activity_date
    where joined.crm_version_from is null
    group by joined.company_id, joined.activity_date
),

final as (
    select
        cast(joined.company_id as {{ dbt.type_string() }}) as company_id,
        cast(joined.activity_date as date) as activity_date,
        cast(joined.company_name as {{ dbt.type_string() }}) as company_name,
        cast(joined.country as {{ dbt.type_string() }}) as country,
        cast(joined.industry_tag as {{ dbt.type_string() }}) as industry_tag,
        cast(joined.last_contact_at as timestamp) as last_contact_at,
        cast(joined.active_users as integer) as active_users,
        cast(joined.events as integer) as events,
        cast(joined.active_users_7d as integer) as active_users_7d,
        cast(joined.is_churn_risk as boolean) as is_churn_risk,
        cast(
            case
                when joined.active_users > 0 then cast(joined.events as {{ type_double() }}) / joined.active_users
            end as {{ type_double() }}
        ) as events_per_user,
        cast(
            case
                when joined.last_contact_date <= joined.activity_date
                    then {{ dbt.datediff('joined.last_contact_date', 'joined.activity_date', 'day') }}
            end as integer
        ) as days_since_last_contact,
        cast(joined.events_loaded_at as timestamp) as _events_loaded_at,
        cast(coalesce(joined.crm_version_from, deletion_states.deleted_from) as timestamp) as _crm_version_from,
        cast(current_timestamp as timestamp) as loaded_at
    from joined
    left join deletion_states
        on
            joined.company_id = deletion_states.company_id
            and joined.activity_date = deletion_states.activity_date
)

select * from final
