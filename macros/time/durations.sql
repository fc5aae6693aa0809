{#- minutes_between(start, end): end - start in minutes, fractional (a double), null when either is null. -#}
{% macro minutes_between(start, end) -%}
    cast({{ dbt.datediff(start, end, 'second') }} as {{ type_double() }}) / 60
{%- endmacro %}
