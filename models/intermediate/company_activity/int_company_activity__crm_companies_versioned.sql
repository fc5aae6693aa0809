/*
    The snapshot's input: one row per company as of the latest CRM export, with
    `version_started_at` = the export date on which its current attribute values first appeared
    (in an unbroken run of exports). A company missing from the latest export comes as a
    deletion marker (`is_deleted`, `version_started_at` = the first export without it), so the
    snapshot closes its version on that date, not on the wall clock. Read off the company's
    latest version in int_company_activity__crm_companies_history.
*/
with

history as (
    select * from {{ ref('int_company_activity__crm_companies_history') }}
),

latest as (
    select
        *,
        row_number() over (partition by company_id order by valid_from desc) as recency
    from history
),

final as (
    select
        company_id,
        company_name,
        country,
        industry_tag,
        last_contact_at,
        valid_to is not null as is_deleted,
        cast(coalesce(valid_to, valid_from) as timestamp) as version_started_at
    from latest
    where recency = 1
)

select * from final
