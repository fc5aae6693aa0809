-- SCD2 company dimension: one row per CRM version, from the snapshot (deletion markers left out).
with

snapshot as (
    select * from {{ ref('snap_company_activity__crm_companies') }}
),

final as (
    select
        cast({{ surrogate_key(['company_id', 'dbt_valid_from']) }} as varchar) as company_key,
        cast(company_id as varchar) as company_id,
        cast(company_name as varchar) as company_name,
        cast(country as varchar) as country,
        cast(industry_tag as varchar) as industry_tag,
        cast(last_contact_at as timestamp) as last_contact_at,
        cast(dbt_valid_from as timestamp) as valid_from,
        cast(dbt_valid_to as timestamp) as valid_to,
        dbt_valid_to is null as is_current
    from snapshot
    where not is_deleted
)

select * from final
