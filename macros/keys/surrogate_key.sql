{#-
    surrogate_key(['a', 'b']): an md5 hash of the listed expressions, joined by '|', with null
    written as a fixed token so that (null, 'x') and ('', 'x') get different keys and null never
    makes the whole key null. Built on dbt's cross-database hash and concat.
-#}
{% macro surrogate_key(expressions) -%}
    {%- set parts = [] -%}
    {%- for expression in expressions -%}
        {%- do parts.append("coalesce(cast(" ~ expression ~ " as " ~ dbt.type_string() ~ "), '_dbt_null_')") -%}
        {%- if not loop.last %}{% do parts.append("'|'") %}{% endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}
