{#-
    Fails for every value of every string column of `model` that holds an email address or a
    phone number in clear (see macros/privacy/personal_data.sql for the patterns). The columns are
    read from the built relation, so a string column added later is checked without a change here;
    the structure rules require this test on every mart. Failing rows show the column, the kind of
    data and a masked value, never the value itself. They are kept as a view in schema `audit`
    (named after the test; not on Spark), so a failure points at the columns: staging redacts personal data in
    free text (redact_personal_data), so this test is the second line, and a failure means a
    column that staging does not treat as free text.

      column_names   check only these columns (default: every string column of the relation)
-#}
{% test no_personal_data(model, column_names=none) %}
{#- not on Spark, whose Hive metastore cannot hold a long view's text (long_view_materialization) -#}
{{ config(store_failures=(target.type != 'spark'), store_failures_as='view', schema='audit') }}
{%- set checked = [] -%}
{%- if execute -%}
    {%- for column in adapter.get_columns_in_relation(model) -%}
        {%- if (column_names is none and is_string_type(column.dtype)) or column.name in (column_names or []) -%}
            {%- do checked.append(column.name) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif -%}

{%- if checked | length == 0 %}
select
    cast(null as {{ dbt.type_string() }}) as column_name,
    cast(null as {{ dbt.type_string() }}) as personal_data,
    cast(null as {{ dbt.type_string() }}) as masked_value
where 1 = 0
{%- else -%}
{%- for column in checked %}
select
    cast('{{ column }}' as {{ dbt.type_string() }}) as column_name,
    personal_data,
    {{ dbt.concat(["substring(value, 1, 1)", "'***'"]) }} as masked_value
from (
    select
        {{ adapter.quote(column) }} as value,
        {{ personal_data_kind(adapter.quote(column)) }} as personal_data
    from {{ model }}
    where {{ adapter.quote(column) }} is not null
) as judged
where personal_data is not null
{% if not loop.last %}union all{% endif %}
{%- endfor -%}
{%- endif %}

{% endtest %}
