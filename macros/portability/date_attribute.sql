{#-
    date_attribute(name, date): a calendar attribute of a date that the engines spell differently.

      iso_day_of_week   1 (Monday) .. 7 (Sunday), integer
      iso_week          ISO-8601 week number, integer
      month_name        January .. December
      day_name          Monday .. Sunday
-#}
{% macro date_attribute(name, date) -%}
    {{ return(adapter.dispatch('date_attribute')(name, date)) }}
{%- endmacro %}

{% macro default__date_attribute(name, date) -%}
    {%- set expressions = {
        'iso_day_of_week': 'cast(isodow(' ~ date ~ ') as integer)',
        'iso_week': 'cast(weekofyear(' ~ date ~ ') as integer)',
        'month_name': 'monthname(' ~ date ~ ')',
        'day_name': 'dayname(' ~ date ~ ')',
    } -%}
    {{ return(expressions[name]) }}
{%- endmacro %}

{% macro postgres__date_attribute(name, date) -%}
    {%- set expressions = {
        'iso_day_of_week': 'cast(extract(isodow from ' ~ date ~ ') as integer)',
        'iso_week': 'cast(extract(week from ' ~ date ~ ') as integer)',
        'month_name': "trim(to_char(" ~ date ~ ", 'FMMonth'))",
        'day_name': "trim(to_char(" ~ date ~ ", 'FMDay'))",
    } -%}
    {{ return(expressions[name]) }}
{%- endmacro %}

{% macro spark__date_attribute(name, date) -%}
    {#- Spark's dayofweek counts 1 = Sunday .. 7 = Saturday -#}
    {%- set expressions = {
        'iso_day_of_week': 'cast(((dayofweek(' ~ date ~ ') + 5) % 7) + 1 as integer)',
        'iso_week': 'cast(weekofyear(' ~ date ~ ') as integer)',
        'month_name': "date_format(" ~ date ~ ", 'MMMM')",
        'day_name': "date_format(" ~ date ~ ", 'EEEE')",
    } -%}
    {{ return(expressions[name]) }}
{%- endmacro %}
