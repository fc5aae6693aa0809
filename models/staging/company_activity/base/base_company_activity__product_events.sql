{{ config(materialized='ephemeral', meta={'record_key': ['event_id']}) }}
-- Every row of raw.raw_product_events, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_company_activity__product_events and company_activity_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('company_activity', 'raw_product_events') }}
),

renamed as (
    select
        -- ids
        trim(event_id) as event_id,
        trim(company_id) as company_id,
        trim(user_id) as user_id,
        -- strings
        nullif(lower(trim(event_type)), '') as event_type,
        -- timestamps and dates
        occurred_at,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_company_id', 'broken_when': 'company_id is null'},
        {'reason': 'missing_user_id', 'broken_when': 'user_id is null'},
        {'reason': 'missing_event_type', 'broken_when': 'event_type is null'},
        {'reason': 'missing_occurred_at', 'broken_when': 'occurred_at is null'},
        {'reason': 'occurred_after_load', 'broken_when': 'occurred_at > _loaded_at'},
    ]) }}
)

select * from judged
