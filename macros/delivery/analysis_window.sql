{#-
    The date window of the seed's delivery analyses, which the seed writes as
    `date_partition >= CURRENT_DATE - INTERVAL 'n days'`: on a warehouse the window ends on the
    domain's as-of date instead, so an analysis gives the same answer whenever it runs.

      delivery__as_of_date()  var('run_date'), else the latest delivery date in fact_deliveries
      delivery__in_window(column, days)
                              the `days` days ending on the as-of date, both ends included
-#}
{% macro delivery__as_of_date() -%}
    {%- if var('run_date') -%}
        cast('{{ var("run_date") }}' as date)
    {%- else -%}
        (select max(date_partition) from {{ ref('fact_deliveries') }})
    {%- endif -%}
{%- endmacro %}

{% macro delivery__in_window(column, days) -%}
    {{ column }} between {{ dbt.dateadd('day', -(days - 1), delivery__as_of_date()) }} and {{ delivery__as_of_date() }}
{%- endmacro %}
