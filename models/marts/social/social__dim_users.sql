{{ config(alias='dim_users') }}
-- One row per social user, with the attributes of the latest export that lists the user.
with

users as (
    select * from {{ ref('stg_social__users') }}
),

latest_export as (
    select max(export_date) as export_date from users
),

latest as (
    select
        *,
        row_number() over (partition by user_id order by export_date desc) as recency
    from users
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
        cast(latest.export_date = latest_export.export_date as boolean) as is_in_latest_export
    from latest
    cross join latest_export
    where latest.recency = 1
)

select * from final
