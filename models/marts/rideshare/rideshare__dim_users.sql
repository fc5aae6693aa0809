{{ config(alias='dim_users') }}
-- Riders and drivers, one row per version of their home city (SCD2 from the daily exports:
-- int_rideshare__users_history); the other attributes come from the newest export that lists the
-- user. Name and phone reach this mart only as salted hashes, the email only masked.
with

history as (
    select * from {{ ref('int_rideshare__users_history') }}
),

users as (
    select * from {{ ref('stg_rideshare__users') }}
),

latest as (
    {{ newest_export('users', 'user_id') }}
),

final as (
    select
        cast(history.user_key as {{ dbt.type_string() }}) as user_key,
        cast(history.user_id as {{ dbt.type_string() }}) as user_id,
        cast(latest.user_type as {{ dbt.type_string() }}) as user_type,
        cast(history.home_city as {{ dbt.type_string() }}) as home_city,
        cast(history.valid_from as timestamp) as valid_from,
        cast(history.valid_to as timestamp) as valid_to,
        cast(history.valid_to is null as boolean) as is_current,
        cast({{ pseudonymise('latest.full_name') }} as {{ dbt.type_string() }}) as full_name_hash,
        cast({{ mask_email('latest.email') }} as {{ dbt.type_string() }}) as email_masked,
        cast({{ pseudonymise('latest.phone') }} as {{ dbt.type_string() }}) as phone_hash,
        cast(latest.signup_at as timestamp) as signup_at
    from history
    inner join latest
        on history.user_id = latest.user_id
)

select * from final
