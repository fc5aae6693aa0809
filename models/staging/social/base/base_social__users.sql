{{ config(materialized='ephemeral', meta={'record_key': ['user_id', 'export_date']}) }}
-- Every row of raw.raw_social_users, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_social__users and social_quarantine rank what it judged.
with

renamed as (
    select
        -- ids
        trim(user_id) as user_id,
        -- strings
        {{ free_text('username') }} as username,
        lower(trim(user_type)) as user_type,
        upper(trim(country)) as country,
        -- booleans
        coalesce(cast(is_internal as boolean), false) as is_internal,
        -- timestamps and dates
        cast(created_at as timestamp) as created_at,
        cast(export_date as date) as export_date,
        cast(_loaded_at as timestamp) as _loaded_at
    from {{ source('social', 'raw_social_users') }}
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'unknown_country',
         'broken_when': "country not in (select country_code from " ~ ref('iso_country_codes') ~ ")"},
        {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
    ]) }}
)

select * from judged
