{#-
    dense_sequence: the column numbers the rows of each group 1, 2, ..., n with no gap and no
    repeat (pickup / drop-off sequences, route stops). One failing row per group that breaks it.
    Null values are ignored.

      partition_by  the column (or comma-separated columns) that make a group, e.g. batch_id
-#}
{% test dense_sequence(model, column_name, partition_by) %}

select
    {{ partition_by }},
    count(*) as numbered_rows,
    count(distinct {{ column_name }}) as distinct_numbers,
    min({{ column_name }}) as lowest,
    max({{ column_name }}) as highest
from {{ model }}
where {{ column_name }} is not null
group by {{ partition_by }}
having
    min({{ column_name }}) != 1
    or max({{ column_name }}) != count(*)
    or count(distinct {{ column_name }}) != count(*)

{% endtest %}
