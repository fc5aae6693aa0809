{{
    config(
        materialized=incremental_materialization(),
        unique_key=['company_id', 'activity_date'],
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        post_hook="{% if is_incremental() %}delete from {{ this }}
            where api_events is null and warehouse_events = 0{% endif %}",
    )
}}
-- depends_on: {{ ref('stg_company_activity__product_events') }} (these two: incremental runs)
-- depends_on: {{ ref('stg_company_activity__product_event_days') }}
/*
    Warehouse against the Product API (the system of record): one row per company per day that
    either side knows. `api_*` are null when the API has no row; `warehouse_*` are 0 when the
    warehouse has no events that day.

    Why incremental, and why it equals a full refresh: a run recomputes only the company-days
    either side changed since the newest stamps here: days the API pulled again (its staging rows
    landed since the newest `_api_loaded_at`) and days touched by events whose state changed
    since the newest `_warehouse_loaded_at` (their day now and every day a good version of them
    counted in). Each such day is rebuilt from both sides as they stand; a day neither side knows
    any more comes out with no API row and no events, and the post-hook deletes it.
    On Spark the model is rebuilt whole on every run (incremental_materialization).
*/
with

api as (
    select * from {{ ref('stg_company_activity__product_usage_api') }}
    where quarantine_reason is null
),

warehouse as (
    select * from {{ ref('agg_company_daily_events') }}
),

{% if is_incremental() %}
{{ company_activity__touched_days(
    ref('stg_company_activity__product_events'), incremental_watermark('_warehouse_loaded_at')) }},
{% endif %}

days as (
    -- the company-days to build: incrementally, those either side changed; else every day
    -- either side knows
    {% if is_incremental() %}
        select
            company_id,
            activity_date
        from touched_days

        union

        select
            company_id,
            usage_date as activity_date
        from {{ ref('stg_company_activity__product_usage_api') }}
        where _loaded_at >= {{ incremental_watermark('_api_loaded_at') }}
    {% else %}
        select
            company_id,
            usage_date as activity_date
        from api

        union

        select
            company_id,
            activity_date
        from warehouse
    {% endif %}
),

joined as (
    select
        days.company_id,
        days.activity_date,
        api.events as api_events,
        coalesce(warehouse.events, 0) as warehouse_events,
        api.active_users as api_active_users,
        coalesce(warehouse.active_users, 0) as warehouse_active_users,
        api.company_id is not null as in_api,
        api._loaded_at as api_loaded_at,
        warehouse.max_event_loaded_at as warehouse_loaded_at
    from days
    left join api
        on
            days.company_id = api.company_id
            and days.activity_date = api.usage_date
    left join warehouse
        on
            days.company_id = warehouse.company_id
            and days.activity_date = warehouse.activity_date
),

final as (
    select
        cast(company_id as {{ dbt.type_string() }}) as company_id,
        cast(activity_date as date) as activity_date,
        cast(api_events as integer) as api_events,
        cast(warehouse_events as integer) as warehouse_events,
        cast(api_active_users as integer) as api_active_users,
        cast(warehouse_active_users as integer) as warehouse_active_users,
        cast(
            case
                when not in_api then 'missing_in_api'
                when warehouse_events = 0 and api_events > 0 then 'missing_in_warehouse'
                when api_events = warehouse_events and api_active_users = warehouse_active_users then 'match'
                else 'mismatch'
            end as {{ dbt.type_string() }}
        ) as status,
        cast(api_loaded_at as timestamp) as _api_loaded_at,
        cast(warehouse_loaded_at as timestamp) as _warehouse_loaded_at
    from joined
)

select * from final
