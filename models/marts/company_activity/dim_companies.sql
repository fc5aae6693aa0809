-- SCD2 company dimension: one row per CRM version (deletion markers left out), from the CRM
-- snapshot, or on Spark from the history derived from the exports (crm_company_versions).
with

versions as (
    {{ crm_company_versions() }}
),

final as (
    select
        cast({{ surrogate_key(['company_id', 'valid_from']) }} as {{ dbt.type_string() }}) as company_key,
        cast(company_id as {{ dbt.type_string() }}) as company_id,
        cast(company_name as {{ dbt.type_string() }}) as company_name,
        cast(country as {{ dbt.type_string() }}) as country,
        cast(industry_tag as {{ dbt.type_string() }}) as industry_tag,
        cast(last_contact_at as timestamp) as last_contact_at,
        cast(valid_from as timestamp) as valid_from,
        cast(valid_to as timestamp) as valid_to,
        valid_to is null as is_current
    from versions
    where not is_deleted
)

select * from final
