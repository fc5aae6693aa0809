/*
    One row per company per calendar day, from the company's first event through the as-of date:
    the daily and rolling activity metrics with the CRM attributes in effect that day.
    CRM attributes are point in time (SCD2): the version whose [valid_from, valid_to) holds the
    day, the earliest version also covering the days before it; after a deletion they are null.
*/
with

activity as (
    select * from {{ ref('int_company_activity__company_days_rolled') }}
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
        cast(companies.last_contact_at as date) as last_contact_date
    from activity
    left join companies
        on
            activity.company_id = companies.company_id
            and (companies.is_first_version or activity.activity_date >= cast(companies.valid_from as date))
            and (companies.valid_to is null or activity.activity_date < cast(companies.valid_to as date))
),

final as (
    select
        cast(company_id as {{ dbt.type_string() }}) as company_id,
        cast(activity_date as date) as activity_date,
        cast(company_name as {{ dbt.type_string() }}) as company_name,
        cast(country as {{ dbt.type_string() }}) as country,
        cast(industry_tag as {{ dbt.type_string() }}) as industry_tag,
        cast(last_contact_at as timestamp) as last_contact_at,
        cast(active_users as integer) as active_users,
        cast(events as integer) as events,
        cast(active_users_7d as integer) as active_users_7d,
        cast(is_churn_risk as boolean) as is_churn_risk,
        cast(
            case
                when active_users > 0 then cast(events as {{ type_double() }}) / active_users
            end as {{ type_double() }}
        ) as events_per_user,
        cast(
            case
                when last_contact_date <= activity_date
                    then {{ dbt.datediff('last_contact_date', 'activity_date', 'day') }}
            end as integer
        ) as days_since_last_contact,
        cast(current_timestamp as timestamp) as loaded_at
    from joined
)

select * from final
