{#- try_cast(expression, data_type): the value cast to `data_type`, or null when it cannot be. -#}
{% macro try_cast(expression, data_type) -%}
    {{ return(adapter.dispatch('try_cast')(expression, data_type)) }}
{%- endmacro %}

{% macro default__try_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{#-
    PostgreSQL 15 has no try_cast (pg_input_is_valid arrives in 16): text that does not look like
    a value of the type is null, the rest is cast. The shapes cover what the input contract uses;
    a value of the right shape but out of range (2026-02-30) still raises, loudly.
-#}
{% macro postgres__try_cast(expression, data_type) -%}
    {%- set shapes = {
        'integer': '^\\s*[+-]?[0-9]+\\s*$',
        'bigint': '^\\s*[+-]?[0-9]+\\s*$',
        'double': '^\\s*[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?\\s*$',
        'double precision': '^\\s*[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?\\s*$',
        'boolean': '^\\s*(true|false|t|f|yes|no|y|n|on|off|1|0)\\s*$',
        'date': '^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*$',
        'timestamp': '^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?\\s*$',
    } -%}
    {%- set shape = shapes.get(data_type | lower) -%}
    {%- if shape is none -%}
        cast({{ expression }} as {{ data_type }})
    {%- else -%}
        case when cast({{ expression }} as text) ~* '{{ shape }}' then cast({{ expression }} as {{ data_type }}) end
    {%- endif -%}
{%- endmacro %}
