{#-
    quarantine_rows: the quarantined rows of one classified raw table, in the shape every
    `<domain>_quarantine` model shares: where the row came from, its key, why it was set
    aside, and the raw row itself as text.

      classified   SQL of a classify_raw_rows query (e.g. a company_activity__classified_* macro)
      table_name   the raw table's name
      key_columns  the record's natural key
      columns      the row's content, shown in `raw_record`
-#}
{% macro quarantine_rows(classified, table_name, key_columns, columns) -%}
{%- set key_parts = [] -%}
{%- for key in key_columns -%}
    {%- do key_parts.append("coalesce(cast(" ~ key ~ " as " ~ dbt.type_string() ~ "), '<null>')") -%}
    {%- if not loop.last %}{% do key_parts.append("'|'") %}{% endif -%}
{%- endfor -%}
{%- set record_parts = [] -%}
{%- for column in columns -%}
    {%- do record_parts.append("'" ~ column ~ "='") -%}
    {%- do record_parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '<null>')") -%}
    {%- if not loop.last %}{% do record_parts.append("', '") %}{% endif -%}
{%- endfor -%}
select
    cast({{ surrogate_key(["'" ~ table_name ~ "'", dbt.concat(key_parts), '_version_rank']) }} as {{ dbt.type_string() }})
        as quarantine_id,
    cast('{{ table_name }}' as {{ dbt.type_string() }}) as source_table,
    cast({{ dbt.concat(key_parts) }} as {{ dbt.type_string() }}) as record_key,
    cast(_broken_rule as {{ dbt.type_string() }}) as reason,
    cast({{ dbt.concat(record_parts) }} as {{ dbt.type_string() }}) as raw_record,
    cast(_row_fingerprint as {{ dbt.type_string() }}) as row_fingerprint,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from ({{ classified }}) as classified
where _row_status = 'quarantined'
{%- endmacro %}
