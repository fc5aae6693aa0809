{#-
    The post an analysis looks at: var('original_post_id') when given, else the original shared
    the most (ties broken on the id). Renders a SQL expression.
-#}
{% macro original_post_for_analysis() -%}
    {%- if var('original_post_id', none) -%}
        '{{ var("original_post_id") }}'
    {%- else -%}
        (
            select most_shared.original_post_id
            from {{ ref('fact_post_virality') }} as most_shared
            order by most_shared.total_shares desc, most_shared.original_post_id asc
            limit 1
        )
    {%- endif -%}
{%- endmacro %}
