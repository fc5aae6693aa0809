{{ config(materialized='ephemeral', meta={'record_key': ['company_id', 'export_date']}) }}
-- Every row of raw.raw_crm_companies, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_company_activity__crm_companies and company_activity_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('company_activity', 'raw_crm_companies') }}
),

renamed as (
    select
        -- ids
        trim(company_id) as company_id,
        -- strings
        {{ free_text('name') }} as company_name,
        upper(trim(country)) as country,
        lower({{ free_text('industry_tag') }}) as industry_tag,
        -- timestamps and dates
        last_contact_at,
        export_date,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'unknown_country',
         'broken_when': "country not in (select country_code from " ~ ref('iso_country_codes') ~ ")"},
        {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
        {'reason': 'contact_after_load', 'broken_when': 'last_contact_at > _loaded_at'},
    ]) }}
)

select * from judged
