-- One row per company per CRM export: the newest good row of each (company_id, export_date).
-- Cleaning and rules: base/base_company_activity__crm_companies.sql.
with

classified as (
    {{ rank_raw_rows(ref('base_company_activity__crm_companies')) }}
),

final as (
    select
        company_id,
        company_name,
        country,
        industry_tag,
        last_contact_at,
        export_date,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
