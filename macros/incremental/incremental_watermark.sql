{#-
    incremental_watermark(column='_loaded_at'): the newest `column` already in this incremental
    model, as a scalar subquery. An empty table (a domain whose raw tables have not received a
    row yet) gives the earliest possible value, so the next run reads everything rather than
    nothing. Incremental models read source rows at or after it (rows at the watermark are read
    again: a batch may land in parts under one stamp).
-#}
{% macro incremental_watermark(column='_loaded_at') -%}
    coalesce(
        (select max(watermark_source.{{ column }}) from {{ this }} as watermark_source),
        cast('1900-01-01' as {{ dbt.type_timestamp() }})
    )
{%- endmacro %}
