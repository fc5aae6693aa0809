{#-
    quarantine_rows: the quarantined rows of one classified raw table, in the shape every
    `<domain>_quarantine` model shares: where the row came from, its key, why it was set
    aside, and the raw row itself as text.

      classified   SQL of a classify_raw_rows query (e.g. a company_activity__classified_* macro)
      table_name   the raw table's name
-#}
{% macro quarantine_rows(classified, table_name) -%}
select
    cast({{ surrogate_key(["'" ~ table_name ~ "'", '_record_key', '_version_rank']) }} as {{ dbt.type_string() }})
        as quarantine_id,
    cast('{{ table_name }}' as {{ dbt.type_string() }}) as source_table,
    cast(_record_key as {{ dbt.type_string() }}) as record_key,
    cast(_broken_rule as {{ dbt.type_string() }}) as reason,
    cast(_raw_record as {{ dbt.type_string() }}) as raw_record,
    cast(_row_fingerprint as {{ dbt.type_string() }}) as row_fingerprint,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from ({{ classified }}) as classified
where _row_status = 'quarantined'
{%- endmacro %}
