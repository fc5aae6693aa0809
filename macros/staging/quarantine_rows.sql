{#-
    quarantine_rows: the quarantined rows of one classified raw table, in the shape every
    `<domain>_quarantine` model shares: where the row came from, its key, why it was set
    aside, and the raw row itself as text.

      classified   SQL of rows judged and ranked (rank_raw_rows over a base model)
      table_name   the raw table's name
      reason_column, status_column
                   where the reason and the status are (a model may judge rows further, e.g. on
                   rules between tables, and name its own columns)
-#}
{% macro quarantine_rows(classified, table_name, reason_column='_broken_rule', status_column='_row_status') -%}
select
    cast({{ surrogate_key(["'" ~ table_name ~ "'", '_record_key', '_version_rank']) }} as {{ dbt.type_string() }})
        as quarantine_id,
    cast('{{ table_name }}' as {{ dbt.type_string() }}) as source_table,
    cast(_record_key as {{ dbt.type_string() }}) as record_key,
    cast({{ reason_column }} as {{ dbt.type_string() }}) as reason,
    cast(_raw_record as {{ dbt.type_string() }}) as raw_record,
    cast(_row_fingerprint as {{ dbt.type_string() }}) as row_fingerprint,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from ({{ classified }}) as classified
where {{ status_column }} = 'quarantined'
{%- endmacro %}
