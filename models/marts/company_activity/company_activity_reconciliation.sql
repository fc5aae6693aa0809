/*
    Warehouse against the Product API (the system of record): one row per company per day that
    either side knows. `api_*` are null when the API has no row; `warehouse_*` are 0 when the
    warehouse has no events that day.
*/
with

api as (
    select * from {{ ref('stg_company_activity__product_usage_api') }}
),

warehouse as (
    select * from {{ ref('agg_company_daily_events') }}
),

joined as (
    select
        coalesce(api.company_id, warehouse.company_id) as company_id,
        coalesce(api.usage_date, warehouse.activity_date) as activity_date,
        api.events as api_events,
        coalesce(warehouse.events, 0) as warehouse_events,
        api.active_users as api_active_users,
        coalesce(warehouse.active_users, 0) as warehouse_active_users,
        api.company_id is not null as in_api
    from api
    full outer join warehouse
        on
            api.company_id = warehouse.company_id
            and api.usage_date = warehouse.activity_date
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
        ) as status
    from joined
)

select * from final
