{#-
    cte_hint(kind): the CTE materialisation hint, where the engine has one.

      cte_hint('inline')        `not materialized`: let the planner fold the CTE into its readers
      cte_hint('materialize')   `materialized`: compute it once for every reader

    DuckDB and PostgreSQL (12+) read both; Spark has no hints (it plans CTEs itself), so there the
    hint is empty: `posts as {{ cte_hint('inline') }} (...)`.

    deep_recursion_hook(): a pre-hook for models with a recursive CTE whose depth follows the data
    (share chains). Spark stops a recursive CTE after 100 levels by default; the hook lifts the
    limit for the session. Other engines have no such limit: the hook is empty.
-#}
{% macro cte_hint(kind) -%}
    {{ return(adapter.dispatch('cte_hint')(kind)) }}
{%- endmacro %}

{% macro default__cte_hint(kind) -%}
    {{ return({'inline': 'not materialized', 'materialize': 'materialized'}[kind]) }}
{%- endmacro %}

{% macro spark__cte_hint(kind) -%}
    {{ return('') }}
{%- endmacro %}

{% macro deep_recursion_hook() -%}
    {{ return(adapter.dispatch('deep_recursion_hook')()) }}
{%- endmacro %}

{% macro default__deep_recursion_hook() -%}
    {{ return('') }}
{%- endmacro %}

{% macro spark__deep_recursion_hook() -%}
    {{ return('set spark.sql.cteRecursionLevelLimit=-1') }}
{%- endmacro %}
