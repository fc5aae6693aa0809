{#-
    Aggregates of fractional doubles that give the same answer on every run.

    Adding doubles is not associative, and DuckDB's parallel aggregation adds a group's rows in a
    different order from one run to the next: sum() or avg() of fractions such as 0.1 can then
    differ in the last bit between two builds of the same data, and a mart that should not change
    does. These macros add in fixed-point decimal instead (each value rounded to 18 decimal places,
    far below what a double carries for the ratios and minutes we average), where addition is exact
    and so order-free on every engine, and turn the result back into a double.

    stable_sum(expr): the sum as decimal(38, 18), to sum again one level up or to divide;
    stable_avg(expr): the mean of the non-null values as a double, null when there are none.
-#}
{% macro stable_sum(expr) -%}
    sum(cast({{ expr }} as decimal(38, 18)))
{%- endmacro %}

{% macro stable_avg(expr) -%}
    cast({{ stable_sum(expr) }} as {{ type_double() }}) / nullif(count({{ expr }}), 0)
{%- endmacro %}
