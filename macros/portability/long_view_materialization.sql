{#-
    long_view_materialization(): how to materialise a staging model whose SQL is very long (the
    quarantines that union the rules of many raw tables): a view, so it is always live, except on
    Spark, whose Hive metastore (Derby) cannot store a view's text beyond 32,700 characters; there it
    is a table, rebuilt on every run like Spark's incremental models.
-#}
{% macro long_view_materialization() -%}
    {{ return(adapter.dispatch('long_view_materialization')()) }}
{%- endmacro %}

{% macro default__long_view_materialization() -%}
    {{ return('view') }}
{%- endmacro %}

{% macro spark__long_view_materialization() -%}
    {{ return('table') }}
{%- endmacro %}
