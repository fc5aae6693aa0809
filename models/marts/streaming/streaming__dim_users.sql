{{ config(alias='dim_users') }}
-- One row per viewer profile, with the attributes of the newest export that lists it. The profile
-- name is personal data: only its salted hash (pseudonymise) reaches this mart.
with

profiles as (
    select * from {{ ref('stg_streaming__profiles') }}
),

latest_export as (
    select max(export_date) as export_date from profiles
),

latest as (
    select
        *,
        row_number() over (partition by profile_id order by export_date desc) as recency
    from profiles
),

final as (
    select
        cast({{ surrogate_key(['latest.profile_id']) }} as {{ dbt.type_string() }}) as user_key,
        cast(latest.profile_id as {{ dbt.type_string() }}) as profile_id,
        cast(latest.account_id as {{ dbt.type_string() }}) as account_id,
        cast({{ pseudonymise('latest.profile_name') }} as {{ dbt.type_string() }}) as profile_name_hash,
        cast(latest.account_plan as {{ dbt.type_string() }}) as account_plan,
        cast(latest.country as {{ dbt.type_string() }}) as country,
        cast(latest.created_at as timestamp) as created_at,
        cast(latest.export_date as date) as last_export_date,
        cast(latest.export_date = latest_export.export_date as boolean) as is_in_latest_export
    from latest
    cross join latest_export
    where latest.recency = 1
)

select * from final
