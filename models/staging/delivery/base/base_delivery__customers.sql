{{ config(materialized='ephemeral', meta={'record_key': ['customer_id']}) }}
-- Every row of raw.raw_customers, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__customers and delivery_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('delivery', 'raw_customers') }}
),

renamed as (
    select
        -- ids
        customer_id,
        -- strings
        trim(full_name) as full_name,
        lower(trim(email)) as email,
        {{ free_text('city') }} as city,
        -- timestamps
        signup_at,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[]) }}
)

select * from judged
