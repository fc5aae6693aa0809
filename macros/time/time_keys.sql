{#-
    The keys of the shared time dimensions, in one place:
      date_key(expr)  yyyymmdd of a date or timestamp, as an integer (shared.dim_date.date_key)
      time_key(expr)  the minute of the day of a timestamp, 0-1439 (shared.dim_time.time_key)
-#}
{% macro date_key(expr) -%}
    cast(extract(year from {{ expr }}) * 10000 + extract(month from {{ expr }}) * 100 + extract(day from {{ expr }})
        as integer)
{%- endmacro %}

{% macro time_key(expr) -%}
    cast(extract(hour from {{ expr }}) * 60 + extract(minute from {{ expr }}) as integer)
{%- endmacro %}
