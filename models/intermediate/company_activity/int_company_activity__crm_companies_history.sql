/*
    The whole SCD2 history of the CRM companies, derived from every export in staging: one row per
    version, a version being a run of consecutive exports in which the company's attributes stay
    the same. It starts on the export date of the run's first export and ends on the next export
    after the run's last one: the export that changed the attributes, or the first export without
    the company (a deletion); it is open (null) while the run reaches the latest export.

    It is the complete history, corrections of an export included: the CRM snapshot records the
    versions it sees at each build, so it holds this history only when it saw every export, each
    in its final form. The snapshot's input (int_company_activity__crm_companies_versioned) is read
    off each company's latest version here.
*/
with

crm as (
    select * from {{ ref('stg_company_activity__crm_companies') }}
),

exports as (
    select
        export_date,
        row_number() over (order by export_date) as export_number
    from (select distinct export_date from crm) as export_dates
),

numbered as (
    select
        crm.company_id,
        crm.company_name,
        crm.country,
        crm.industry_tag,
        crm.last_contact_at,
        crm.export_date,
        exports.export_number,
        {{ surrogate_key(['crm.company_name', 'crm.country', 'crm.industry_tag', 'crm.last_contact_at']) }}
            as attributes_hash
    from crm
    inner join exports
        on crm.export_date = exports.export_date
),

compared as (
    select
        *,
        lag(attributes_hash) over (partition by company_id order by export_number) as previous_hash,
        lag(export_number) over (partition by company_id order by export_number) as previous_number
    from numbered
),

version_numbers as (
    -- a version starts at a company's first export, after a gap, or where its attributes change
    select
        *,
        sum(
            case
                when previous_number is null
                    or previous_number != export_number - 1
                    or previous_hash != attributes_hash then 1
                else 0
            end
        ) over (
            partition by company_id order by export_number
            rows between unbounded preceding and current row
        ) as version_number
    from compared
),

versions as (
    select
        company_id,
        version_number,
        min(export_number) as first_export_number,
        max(export_number) as last_export_number
    from version_numbers
    group by company_id, version_number
),

final as (
    select
        versions.company_id,
        first_export.company_name,
        first_export.country,
        first_export.industry_tag,
        first_export.last_contact_at,
        cast(first_export.export_date as timestamp) as valid_from,
        cast(next_export.export_date as timestamp) as valid_to
    from versions
    inner join version_numbers as first_export
        on
            versions.company_id = first_export.company_id
            and versions.first_export_number = first_export.export_number
    left join exports as next_export
        on versions.last_export_number + 1 = next_export.export_number
)

select * from final
