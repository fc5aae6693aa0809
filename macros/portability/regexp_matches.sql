{#-
    regexp_matches(value, pattern): true when `pattern` matches anywhere in `value` (null when
    `value` is null). The pattern is a SQL string literal body, so it must not contain a quote.
-#}
{% macro regexp_matches(value, pattern) -%}
    {{ return(adapter.dispatch('regexp_matches')(value, pattern)) }}
{%- endmacro %}

{% macro default__regexp_matches(value, pattern) -%}
    regexp_matches({{ value }}, '{{ pattern }}')
{%- endmacro %}

{% macro postgres__regexp_matches(value, pattern) -%}
    ({{ value }} ~ '{{ pattern }}')
{%- endmacro %}

{% macro spark__regexp_matches(value, pattern) -%}
    ({{ value }} rlike '{{ pattern }}')
{%- endmacro %}
