{{ config(materialized='ephemeral', meta={'record_key': ['company_id', 'usage_date']}) }}
-- Every row of raw.raw_product_usage_api, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_company_activity__product_usage_api and company_activity_quarantine rank what it judged.
with

renamed as (
    select
        -- ids
        trim(company_id) as company_id,
        -- numerics
        cast(active_users as integer) as active_users,
        cast(events as integer) as events,
        -- timestamps and dates
        cast(date as date) as usage_date,
        cast(_loaded_at as timestamp) as _loaded_at
    from {{ source('company_activity', 'raw_product_usage_api') }}
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
