{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        full_refresh=false,
    )
}}
/*
    The CRM company versions as the warehouse observed them, build after build: what the dbt
    snapshot (snap_company_activity__crm_companies) records, kept with appends only, so that it
    works on every engine (on Spark, dbt snapshots need Delta tables, which cannot be installed
    here, and dim_companies is built from this model instead: crm_company_versions).

    Each build appends, for every company in the snapshot's input
    (int_company_activity__crm_companies_versioned: its current version, or a deletion marker),
    a row when the company is new or its `version_started_at` is later than the latest version
    recorded here: exactly when the snapshot's timestamp strategy opens a new version. A version
    ends where the company's next one starts (valid_to is derived with lead() by the reader).

    Why incremental, and why it is correct: like a snapshot, it records history as it is seen, so
    it cannot be rebuilt from the current data (`full_refresh=false` keeps it through
    --full-refresh, as dbt keeps snapshots). Appends only: a build never rewrites a row, a build
    that sees nothing new appends nothing, and a build killed mid-way appends nothing (one
    insert). pytests prove it equals the snapshot, replayed batch by batch and built at once.
*/
with

versioned as (
    select * from {{ ref('int_company_activity__crm_companies_versioned') }}
),

{% if is_incremental() %}
recorded as (
    select
        company_id,
        max(valid_from) as latest_valid_from
    from {{ this }}
    group by company_id
),
{% endif %}

final as (
    select
        versioned.company_id,
        versioned.company_name,
        versioned.country,
        versioned.industry_tag,
        versioned.last_contact_at,
        versioned.is_deleted,
        cast(versioned.version_started_at as timestamp) as valid_from
    from versioned
    {% if is_incremental() %}
        left join recorded
            on versioned.company_id = recorded.company_id
        where
            recorded.company_id is null
            or versioned.version_started_at > recorded.latest_valid_from
    {% endif %}
)

select * from final
