{{ config(materialized='ephemeral', meta={'record_key': ['company_id', 'usage_date']}) }}
-- Every row of raw.raw_product_usage_api, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_company_activity__product_usage_api and company_activity_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('company_activity', 'raw_product_usage_api') }}
),

renamed as (
    select
        -- ids
        trim(company_id) as company_id,
        -- numerics
        active_users,
        events,
        -- timestamps and dates
        date as usage_date,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'null_figures', 'broken_when': 'active_users is null or events is null'},
        {'reason': 'negative_figures', 'broken_when': 'active_users < 0 or events < 0'},
        {'reason': 'users_without_events', 'broken_when': 'active_users > 0 and events = 0'},
        {'reason': 'date_after_load', 'broken_when': 'usage_date > cast(_loaded_at as date)'},
    ]) }}
)

select * from judged
