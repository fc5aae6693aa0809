{{ config(materialized='table') }}
-- The SCD2 history of the riders and drivers: a new version wherever an export changes a user's
-- home city (export_history). `user_key` names a version; the facts pick the version in effect
-- at a ride's start or a segment's pickup (in_effect_at).
with

users as (
    select * from {{ ref('stg_rideshare__users') }}
),

versions as (
    {{ export_history('users', 'user_id', ['home_city']) }}
),

final as (
    select
        {{ surrogate_key(['user_id', 'valid_from']) }} as user_key,
        user_id,
        home_city,
        valid_from,
        valid_to,
        is_first_version
    from versions
)

select * from final
