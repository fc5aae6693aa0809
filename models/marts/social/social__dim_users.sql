{{ config(alias='dim_users') }}
-- One row per social user, with the attributes of the latest export that lists the user.
with

users as (
    select * from {{ ref('stg_social__users') }}
),

latest as (
    {{ newest_export('users', 'user_id') }}
),

final as (
    select
        cast({{ surrogate_key(['latest.user_id']) }} as {{ dbt.type_string() }}) as user_key,
        cast(latest.user_id as {{ dbt.type_string() }}) as user_id,
        cast(latest.username as {{ dbt.type_string() }}) as username,
        cast(latest.created_at as timestamp) as created_at,
        cast(latest.user_type as {{ dbt.type_string() }}) as user_type,
        cast(latest.is_internal as boolean) as is_internal,
        cast(latest.country as {{ dbt.type_string() }}) as country,
        cast(latest.export_date as date) as last_export_date,
        cast(latest.is_in_latest_export as boolean) as is_in_latest_export
    from latest
)

select * from final
