{#-
    incremental_materialization(): how the project's incremental models materialize.

    Incremental (delete+insert on the model's unique_key) where the engine can delete rows:
    DuckDB and PostgreSQL. On Spark the tables are parquet (Delta and Iceberg jars cannot be
    installed here): parquet has no row-level delete or merge, and a dynamic partition overwrite
    cannot empty a partition (a day whose events all moved away would keep its stale row), so the
    correct strategy there is to rebuild these models whole on every run: a table. It costs what a
    full build costs, on every run; the SQL of each model is the same, its incremental branch
    simply never runs there.
-#}
{% macro incremental_materialization() -%}
    {{ return(adapter.dispatch('incremental_materialization')()) }}
{%- endmacro %}

{% macro default__incremental_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__incremental_materialization() -%}
    {{ return('table') }}
{%- endmacro %}
