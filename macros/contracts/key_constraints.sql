{#-
    duckdb__get_table_columns_and_constraints: the DDL of a contracted table on DuckDB, with every
    column, its type and its column constraints (not null, unique), and the model-level
    constraints except PRIMARY KEY, unless var('duckdb_key_indexes') is true.

    Why: DuckDB enforces a PRIMARY KEY with an ART index built while the rows are inserted. On
    the scale data (bench/scale.py) it cost dim_posts 11.3 s instead of 9.5 s (3M posts) and
    the reconciliation 3.8 s instead of 0.9 s (10M events), and every incremental delete+insert
    maintains it too. The key is still declared (the docs, PostgreSQL and Spark
    show it) and still proven: every model carries a primary-key data test (a structure rule),
    which `dbt build` runs right after the model and before anything downstream of it.
    Set `--vars '{duckdb_key_indexes: true}'` to have DuckDB enforce it as well.
-#}
{% macro duckdb__get_table_columns_and_constraints() -%}
    {%- set model_constraints = [] -%}
    {%- for constraint in model['constraints'] -%}
        {%- if var('duckdb_key_indexes', false) or constraint['type'] != 'primary_key' -%}
            {%- do model_constraints.append(constraint) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set column_ddl = adapter.render_raw_columns_constraints(raw_columns=model['columns']) -%}
    {%- set model_ddl = adapter.render_raw_model_constraints(raw_constraints=model_constraints) -%}
    (
    {% for c in column_ddl + model_ddl -%}
        {{ c }}{{ "," if not loop.last }}
    {% endfor -%}
    )
{%- endmacro %}
