{{ config(materialized='ephemeral', meta={'record_key': ['profile_id', 'export_date']}) }}
-- Every row of raw.raw_profiles, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_streaming__profiles and streaming_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('streaming', 'raw_profiles') }}
),

renamed as (
    select
        -- ids
        trim(profile_id) as profile_id,
        trim(account_id) as account_id,
        -- strings
        trim(profile_name) as profile_name,
        lower(trim(account_plan)) as account_plan,
        upper(trim(country)) as country,
        -- dates and timestamps
        created_at,
        export_date,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_account_id', 'broken_when': 'account_id is null'},
        {'reason': 'unknown_country',
         'broken_when': "country not in (select country_code from " ~ ref('iso_country_codes') ~ ")"},
        {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
    ]) }}
)

select * from judged
