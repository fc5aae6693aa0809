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

{#-
    awaiting_reference: the rows of `classified` (rank_raw_rows over a base model) with their
    fate once a rule between two tables is applied: a current row whose `column` names no current
    row of `reference` (the ranked rows of the table it points to) is not known yet, so it waits in
    the quarantine as `reason` and leaves it on the first build that sees what it names. Adds
      _reason   `reason` for a row waiting, else its `_broken_rule`
      _status   'quarantined' for a row waiting, else its `_row_status`
    which quarantine_rows reads as reason_column='_reason', status_column='_status'.
-#}
{% macro awaiting_reference(classified, column, reference, reason) -%}
select
    judged.*,
    case when judged._is_waiting then '{{ reason }}' else judged._broken_rule end as _reason,
    case when judged._is_waiting then 'quarantined' else judged._row_status end as _status
from (
    select
        classified.*,
        coalesce(
            classified._row_status = 'current'
            and classified.{{ column }} not in (
                select known.{{ column }}
                from ({{ reference }}) as known
                where known._row_status = 'current' and known.{{ column }} is not null
            ),
            false
        ) as _is_waiting
    from ({{ classified }}) as classified
) as judged
{%- endmacro %}
