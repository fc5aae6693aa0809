{#-
    Type names that differ between engines, for seeds' column_types and contracts' data_type
    (YAML renders them: data_type: "{{ type_double() }}"). dbt.type_float() is no substitute:
    on DuckDB it gives FLOAT, a 4-byte REAL.
-#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    {{ return('double') }}
{%- endmacro %}

{% macro postgres__type_double() -%}
    {{ return('double precision') }}
{%- endmacro %}
