{{ config(materialized='ephemeral', meta={'record_key': ['user_id', 'export_date']}) }}
-- Every row of raw.raw_social_users, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_social__users and social_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('social', 'raw_social_users') }}
),

renamed as (
    select
        -- ids
        trim(user_id) as user_id,
        -- strings
        {{ free_text('username') }} as username,
        lower(trim(user_type)) as user_type,
        upper(trim(country)) as country,
        -- booleans
        coalesce(is_internal, false) as is_internal,
        -- timestamps and dates
        created_at,
        export_date,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'unknown_country',
         'broken_when': "country not in (select country_code from " ~ ref('iso_country_codes') ~ ")"},
        {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
    ]) }}
)

select * from judged
