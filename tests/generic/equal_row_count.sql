{#- Fails (one row) when the model and compare_model do not have the same number of rows. -#}
{% test equal_row_count(model, compare_model, model_where=none, compare_where=none) %}

with

counts as (
    select
        (select count(*) from {{ model }} {% if model_where %}where {{ model_where }}{% endif %}) as model_rows,
        (select count(*) from {{ compare_model }} {% if compare_where %}where {{ compare_where }}{% endif %})
            as compare_rows
)

select * from counts
where model_rows != compare_rows

{% endtest %}
