/*
    The snapshot's input: one row per company as of the latest CRM export, with
    `version_started_at` = the export date on which its current attribute values first appeared
    (in an unbroken run of exports). A company missing from the latest export comes as a
    deletion marker (`is_deleted`, `version_started_at` = the first export without it), so the
    snapshot closes its version on that date, not on the wall clock.
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
        lag(export_number) over (partition by company_id order by export_number) as previous_number,
        row_number() over (partition by company_id order by export_number desc) as recency
    from numbered
),

version_starts as (
    select
        company_id,
        max(export_date) as version_started_on
    from compared
    where
        previous_number is null
        or previous_number != export_number - 1
        or previous_hash != attributes_hash
    group by company_id
),

latest as (
    select max(export_number) as latest_number from exports
),

final as (
    select
        compared.company_id,
        compared.company_name,
        compared.country,
        compared.industry_tag,
        compared.last_contact_at,
        compared.export_number != latest.latest_number as is_deleted,
        cast(
            case
                when compared.export_number = latest.latest_number then version_starts.version_started_on
                else next_export.export_date
            end as timestamp
        ) as version_started_at
    from compared
    cross join latest
    inner join version_starts
        on compared.company_id = version_starts.company_id
    left join exports as next_export
        on compared.export_number + 1 = next_export.export_number
    where compared.recency = 1
)

select * from final
