{#-
    Where every raw row's fate is decided, in two steps that show in the lineage as
    source -> base_<domain>__<entities> -> stg_<domain>__<entities> and <domain>_quarantine.

    1. judge_raw_rows(relation, rules): the body of a base model (models/staging/<domain>/base/,
       one per raw table, ephemeral): the table's rows, cleaned (`relation`, a CTE of the base
       model), each judged on its own. Adds to every row
         _record_key       the natural key as text ('<null>' for a missing part, '|' between parts)
         _raw_record       the row's content as `column=value` text (what a quarantine shows)
         _row_fingerprint  hash of the row's content (what a quarantine row shows)
         _broken_rule      'null_<key>' or the first rule of `rules` the row breaks, null for a
                           good row. rules: [{'reason': 'negative_events', 'broken_when':
                           'events < 0'}, ...], checked in order.
       The record's key is the base model's `meta.record_key` (its config). The row's content is
       the columns the base model's YAML documents, in that order, but `_loaded_at` and the four
       columns above: the YAML is the one list of a base model's columns.

    2. rank_raw_rows(relation, base): in every model that reads a base model (its staging model
       and its domain's quarantine), which row of a record counts. `relation` is the base model
       (its `ref`) or a CTE selecting from it (an incremental read); `base` is the base model's
       `ref` when `relation` is a CTE. Adds
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

    Judging is per row, so an incremental staging model reads only the newly landed rows of its
    base model (the filter on `_loaded_at` reaches the raw table); ranking is a window over one
    record's rows, so it runs in the reader, over what the reader read.
-#}
{% macro judge_raw_rows(relation, rules=[]) -%}
{%- if not execute -%}{{ return('select 1 as parsing') }}{%- endif -%}
{%- set key_columns = judged_key(model) -%}
{%- set columns = judged_content(model) -%}
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
    {%- for column in columns %}
    {{ column }},
    {%- endfor %}
    _loaded_at,
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
{%- endmacro %}

{% macro rank_raw_rows(relation, base=none) -%}
{%- if not execute -%}{{ return('select 1 as parsing') }}{%- endif -%}
{%- set node = judged_node(base if base is not none else relation) -%}
{%- set key_columns = judged_key(node) -%}
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
        judged.*,
        row_number() over (
            partition by {{ key_columns | join(', ') }}
            order by
                judged._loaded_at desc
                {%- for column in judged_content(node) if column not in key_columns %},
                judged.{{ column }} desc nulls last
                {%- endfor %}
        ) as _version_rank
    from {{ relation }} as judged
) as ranked
{%- endmacro %}

{#- The base model a `ref` names (the ref of an ephemeral model renders as its CTE's name). -#}
{% macro judged_node(relation) -%}
    {%- set name = relation.identifier | replace('__dbt__cte__', '') -%}
    {%- set node = graph.nodes.get('model.' ~ project_name ~ '.' ~ name) -%}
    {%- if node is none or not name.startswith('base_') -%}
        {{ exceptions.raise_compiler_error('rank_raw_rows: ' ~ name ~ ' is not a base model; pass the base model '
            ~ 'as `base` when `relation` is a CTE') }}
    {%- endif -%}
    {{ return(node) }}
{%- endmacro %}

{% macro judged_key(node) -%}
    {%- set key_columns = (node.config.meta or {}).get('record_key') -%}
    {%- if not key_columns -%}
        {{ exceptions.raise_compiler_error(node.name ~ ': a base model names its record key: '
            ~ "config(meta={'record_key': [...]})") }}
    {%- endif -%}
    {{ return(key_columns) }}
{%- endmacro %}

{% macro judged_content(node) -%}
    {%- set added = ['_loaded_at', '_record_key', '_raw_record', '_row_fingerprint', '_broken_rule'] -%}
    {%- set columns = node.columns.keys() | reject('in', added) | list -%}
    {%- if not columns -%}
        {{ exceptions.raise_compiler_error(node.name ~ ': a base model documents its columns in its YAML') }}
    {%- endif -%}
    {{ return(columns) }}
{%- endmacro %}

{#-
    typed_raw_rows(source_name, table_name): the first CTE of a base model. Every column the input
    contract gives the raw table (a column with a `data_type` in the sources YAML), cast to that
    type, in the YAML's order. The YAML is the one place a raw column's type is written: the base
    model cleans typed columns and never restates a type. (A column an engine holds as another
    type whose values all cast, which the contract check lets through, arrives typed; where the
    type already matches, the cast costs nothing.)
-#}
{% macro typed_raw_rows(source_name, table_name) -%}
{%- set relation = source(source_name, table_name) -%}
{%- if not execute -%}{{ return('select * from ' ~ relation) }}{%- endif -%}
{%- set unique_id = 'source.' ~ project_name ~ '.' ~ source_name ~ '.' ~ table_name -%}
{%- set columns = [] -%}
{%- for name, column in graph.sources[unique_id].columns.items() if column.data_type -%}
    {%- do columns.append('cast(' ~ name ~ ' as ' ~ column.data_type ~ ') as ' ~ name) -%}
{%- endfor -%}
{%- if not columns -%}
    {{ exceptions.raise_compiler_error(model.name ~ ': source ' ~ source_name ~ '.' ~ table_name
        ~ ' declares no column with a data_type (the input contract): typed_raw_rows has nothing to read') }}
{%- endif -%}
select
    {{ columns | join(',\n    ') }}
from {{ relation }}
{%- endmacro %}
