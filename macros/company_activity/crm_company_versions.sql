{#-
    crm_company_versions(): the CRM company versions dim_companies is built from, as a query with
    company_id, the attributes, valid_from, valid_to and is_deleted.

    The dbt snapshot (snap_company_activity__crm_companies) wherever dbt snapshots run. On Spark
    they need Delta, Iceberg or Hudi tables, which cannot be installed here, so there the versions
    come from int_company_activity__crm_companies_observed, which records what the snapshot records
    with appends only (a version ends where the company's next one starts); the tests prove the
    two equal on DuckDB, whatever the build cadence.
-#}
{% macro crm_company_versions() -%}
    {{ return(adapter.dispatch('crm_company_versions')()) }}
{%- endmacro %}

{% macro default__crm_company_versions() -%}
    select
        company_id,
        company_name,
        country,
        industry_tag,
        last_contact_at,
        dbt_valid_from as valid_from,
        dbt_valid_to as valid_to,
        is_deleted
    from {{ ref('snap_company_activity__crm_companies') }}
{%- endmacro %}

{% macro spark__crm_company_versions() -%}
    select
        company_id,
        company_name,
        country,
        industry_tag,
        last_contact_at,
        valid_from,
        lead(valid_from) over (partition by company_id order by valid_from) as valid_to,
        is_deleted
    from {{ ref('int_company_activity__crm_companies_observed') }}
{%- endmacro %}
