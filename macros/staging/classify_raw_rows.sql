{#-
    classify_raw_rows: the one place that decides the fate of every raw row.

    Arguments
      relation     a relation or CTE name holding the (cleaned) raw rows, with `_loaded_at`
      key_columns  the record's natural key, e.g. ['event_id'] or ['company_id', 'export_date']
      columns      the columns that make up the row's content (the tie-break, the fingerprint)
      rules        [{'reason': 'negative_events', 'broken_when': 'events < 0'}, ...] checked in
                   order; the first broken rule is the row's reason

    Adds to every row
      _record_key       the natural key as text ('<null>' for a missing part, '|' between parts)
      _raw_record       the row's content as `column=value` text (what a quarantine shows)
      _row_fingerprint  hash of the row's content (what a quarantine row shows)
      _broken_rule      'null_<key>' or the first broken rule, null for a good row
      _version_rank     1 for the newest row of its record: `_loaded_at` desc, then (two rows of
                        one record in one batch) the content columns in order, each desc with
                        nulls last. The content itself, not its hash, breaks the tie: at 30M
                        rows the md5 of every row cost a quarter of the staging build.
      _row_status       'current'     newest row of its record and good
                        'superseded'  an older row of a record (exact replays included)
                        'quarantined' a row with a null key, or the newest row of its record
                                      when it breaks a rule: the newest row decides, so the
                                      record leaves the marts until a newer good row arrives

    Every raw row gets exactly one status, which is what the conservation tests count.
-#}
{% macro classify_raw_rows(relation, key_columns, columns, rules) -%}
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
    ranked.*,
    case
        when {% for key in key_columns %}ranked.{{ key }} is null{% if not loop.last %} or {% endif %}{% endfor %}
            then 'quarantined'
        when ranked._version_rank > 1 then 'superseded'
        when ranked._broken_rule is not null then 'quarantined'
        else 'current'
    end as _row_status
from (
    select
        checked.*,
        row_number() over (
            partition by {{ key_columns | join(', ') }}
            order by
                checked._loaded_at desc
                {%- for column in columns if column not in key_columns %},
                checked.{{ column }} desc nulls last
                {%- endfor %}
        ) as _version_rank
    from (
        select
            *,
            {{ dbt.concat(key_parts) }} as _record_key,
            {{ dbt.concat(record_parts) }} as _raw_record,
            {{ surrogate_key(columns) }} as _row_fingerprint,
            case
                {%- for key in key_columns %}
                when {{ key }} is null then 'null_{{ key }}'
                {%- endfor %}
                {%- for rule in rules %}
                when {{ rule.broken_when }} then '{{ rule.reason }}'
                {%- endfor %}
            end as _broken_rule
        from {{ relation }}
    ) as checked
) as ranked
{%- endmacro %}
