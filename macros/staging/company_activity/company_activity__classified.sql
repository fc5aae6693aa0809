{#-
    Cleaning and row rules for the company-activity raw tables, one macro per table.
    Each renders a query over `relation` (a source or a CTE name) returning the cleaned row and
    its fate (see classify_raw_rows). The staging model keeps the rows it needs;
    company_activity_quarantine keeps the quarantined ones: both read the same definition, so a
    row can never be judged two ways.
-#}

{% macro company_activity__classified_crm_companies(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(company_id) as company_id,
            -- strings
            {{ free_text('name') }} as company_name,
            upper(trim(country)) as country,
            lower({{ free_text('industry_tag') }}) as industry_tag,
            -- timestamps and dates
            cast(last_contact_at as timestamp) as last_contact_at,
            cast(export_date as date) as export_date,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['company_id', 'export_date'],
        columns=['company_id', 'company_name', 'country', 'industry_tag', 'last_contact_at', 'export_date'],
        rules=[
            {'reason': 'unknown_country',
             'broken_when': "country not in (select country_code from " ~ ref('iso_country_codes') ~ ")"},
            {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
            {'reason': 'contact_after_load', 'broken_when': 'last_contact_at > _loaded_at'},
        ],
    ) }}
{%- endmacro %}

{% macro company_activity__classified_product_usage_api(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(company_id) as company_id,
            -- numerics
            cast(active_users as integer) as active_users,
            cast(events as integer) as events,
            -- timestamps and dates
            cast(date as date) as usage_date,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['company_id', 'usage_date'],
        columns=['company_id', 'usage_date', 'active_users', 'events'],
        rules=[
            {'reason': 'null_figures', 'broken_when': 'active_users is null or events is null'},
            {'reason': 'negative_figures', 'broken_when': 'active_users < 0 or events < 0'},
            {'reason': 'users_without_events', 'broken_when': 'active_users > 0 and events = 0'},
            {'reason': 'date_after_load', 'broken_when': 'usage_date > cast(_loaded_at as date)'},
        ],
    ) }}
{%- endmacro %}

{% macro company_activity__classified_product_events(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(event_id) as event_id,
            trim(company_id) as company_id,
            trim(user_id) as user_id,
            -- strings
            nullif(lower(trim(event_type)), '') as event_type,
            -- timestamps and dates
            cast(occurred_at as timestamp) as occurred_at,
            cast(occurred_at as date) as activity_date,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['event_id'],
        columns=['event_id', 'company_id', 'user_id', 'event_type', 'occurred_at'],
        rules=[
            {'reason': 'missing_company_id', 'broken_when': 'company_id is null'},
            {'reason': 'missing_user_id', 'broken_when': 'user_id is null'},
            {'reason': 'missing_event_type', 'broken_when': 'event_type is null'},
            {'reason': 'missing_occurred_at', 'broken_when': 'occurred_at is null'},
            {'reason': 'occurred_after_load', 'broken_when': 'occurred_at > _loaded_at'},
        ],
    ) }}
{%- endmacro %}
