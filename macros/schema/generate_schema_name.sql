{#-
    Schemas are exactly the names the contracts give (raw, staging, intermediate, snapshots, shared
    and one per domain), not dbt's default `<target_schema>_<custom>`: analysts query
    `<domain>.<mart>`, whatever the target.

    A node with a custom schema (set per folder in dbt_project.yml) lands in it. A mart lands in the
    schema named after its folder, `models/marts/<domain>/` -> `<domain>`, so a new domain needs no
    line in dbt_project.yml. Any other node lands in the target schema.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is not none -%}
        {{ custom_schema_name | trim }}
    {%- elif node.resource_type == 'model' and node.fqn | length > 3 and node.fqn[1] == 'marts' -%}
        {{ node.fqn[2] }}
    {%- else -%}
        {{ target.schema }}
    {%- endif -%}
{%- endmacro %}
