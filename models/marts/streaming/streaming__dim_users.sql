{{ config(alias='dim_users') }}
-- One row per viewer profile, with the attributes of the newest export that lists it. The profile
-- name is personal data: only its salted hash (pseudonymise) reaches this mart.
with

profiles as (
    select * from {{ ref('stg_streaming__profiles') }}
),

latest as (
    {{ newest_export('profiles', 'profile_id') }}
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
        cast(latest.is_in_latest_export as boolean) as is_in_latest_export
    from latest
)

select * from final
