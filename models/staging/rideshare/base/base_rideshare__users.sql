{{ config(materialized='ephemeral', meta={'record_key': ['user_id', 'export_date']}) }}
-- Every row of raw.raw_rideshare_users, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_rideshare__users and rideshare_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('rideshare', 'raw_rideshare_users') }}
),

renamed as (
    select
        -- ids
        trim(user_id) as user_id,
        -- strings
        lower(trim(user_type)) as user_type,
        trim(full_name) as full_name,
        lower(trim(email)) as email,
        trim(phone) as phone,
        {{ free_text('home_city') }} as home_city,
        -- dates and timestamps
        signup_at,
        export_date,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'unknown_user_type', 'broken_when': "coalesce(user_type not in ('rider', 'driver'), true)"},
        {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
    ]) }}
)

select * from judged
