{#-
    Schemas are exactly the names the contracts give (raw, staging, intermediate, company_activity,
    shared, ...), not dbt's default `<target_schema>_<custom>`: analysts query
    `company_activity.fact_company_activity`, whatever the target. A node without a custom schema
    lands in the target schema.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
