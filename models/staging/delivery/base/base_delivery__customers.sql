{{ config(materialized='ephemeral', meta={'record_key': ['customer_id']}) }}
-- Every row of raw.raw_customers, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__customers and delivery_quarantine rank what it judged.
with

renamed as (
    select
        -- ids
        cast(customer_id as bigint) as customer_id,
        -- strings
        trim(full_name) as full_name,
        lower(trim(email)) as email,
        {{ free_text('city') }} as city,
        -- timestamps
        cast(signup_at as timestamp) as signup_at,
        cast(_loaded_at as timestamp) as _loaded_at
    from {{ source('delivery', 'raw_customers') }}
),

judged as (
    {{ judge_raw_rows('renamed', rules=[]) }}
)

select * from judged
