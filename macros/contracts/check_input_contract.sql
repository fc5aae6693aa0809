{#-
    check_input_contract(): stops a run before any model runs when a raw table breaks the input
    contract, with one message naming every raw table and column at fault. Called by the project's
    `on-run-start` hook (for build, run, retry and snapshot: so `dwh run` checks it once, in its
    build), and on demand by `dbt run-operation check_input_contract`.

    It checks the raw tables the selected nodes read (every raw table in run-operation):
    - the table exists and has every contract column (a source column with a `data_type`);
    - every row has a `_loaded_at` (a row without one would be counted by no status and never
      reach an incremental model);
    - a column whose type differs from the contract's holds only values that cast to it
      (a column turned VARCHAR holding 'abc' where an integer belongs stops the run; one holding
      '12' does not). Columns the contract does not know are ignored;
    - `_loaded_at` never went backwards: no row stamped earlier than the newest batch the last run
      saw has landed since, and none has gone (raw tables are append-only). Incremental models
      read only rows stamped after what they have, so such a row would never reach them. The
      marks the last run left are in `audit.raw_load_marks` (append-only: the latest mark per table
      counts, so no engine needs to delete); a `--full-refresh` run re-reads everything, so it skips
      this check, and every passing run records new marks.
-#}
{% macro check_input_contract(record=true) -%}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set command = flags.WHICH -%}
    {%- if command not in ['build', 'run', 'retry', 'snapshot', 'run-operation'] -%}{{ return('') }}{%- endif -%}

    {%- set sources = [] -%}
    {%- if command == 'run-operation' -%}
        {%- for source in graph.sources.values() if source.package_name == project_name -%}
            {%- do sources.append(source) -%}
        {%- endfor -%}
    {%- else -%}
        {%- set wanted = [] -%}
        {%- for unique_id in selected_resources -%}
            {%- set node = graph.nodes.get(unique_id) -%}
            {%- for parent in (node.depends_on.nodes if node else []) if parent.startswith('source.') -%}
                {%- if parent not in wanted -%}{%- do wanted.append(parent) -%}{%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- for unique_id in wanted | sort -%}
            {%- do sources.append(graph.sources[unique_id]) -%}
        {%- endfor -%}
    {%- endif -%}

    {%- set problems = [] -%}
    {%- set checked = [] -%}
    {%- for source in sources -%}
        {%- set relation = adapter.get_relation(database=source.database, schema=source.schema,
                                                identifier=source.identifier) -%}
        {%- set label = source.schema ~ '.' ~ source.identifier -%}
        {%- if relation is none -%}
            {%- do problems.append(label ~ ' does not exist (source ' ~ source.source_name ~ '.' ~ source.name
                                   ~ '): load it, or create it with the contract\'s columns') -%}
        {%- else -%}
            {%- set actual = {} -%}
            {%- for column in adapter.get_columns_in_relation(relation) -%}
                {%- do actual.update({column.name | lower: column.dtype}) -%}
            {%- endfor -%}
            {%- for name, column in source.columns.items() if column.data_type -%}
                {%- if name | lower not in actual -%}
                    {%- do problems.append(label ~ ': column ' ~ name ~ ' (' ~ column.data_type
                                           ~ ') is missing') -%}
                {%- elif not contract_type_matches(actual[name | lower], column.data_type) -%}
                    {%- set uncastable = run_query(uncastable_values_sql(relation, name, column.data_type)) -%}
                    {%- if uncastable.rows[0][0] > 0 -%}
                        {%- do problems.append(label ~ ': column ' ~ name ~ ' is ' ~ actual[name | lower]
                            ~ ' and ' ~ uncastable.rows[0][0] ~ ' value(s) cannot be cast to '
                            ~ column.data_type ~ " (e.g. '" ~ uncastable.rows[0][1] ~ "')") -%}
                    {%- endif -%}
                {%- endif -%}
            {%- endfor -%}
            {%- if '_loaded_at' in actual -%}
                {%- set unstamped = run_query('select count(*) from ' ~ relation ~ ' where _loaded_at is null').rows[0][0] -%}
                {%- if unstamped > 0 -%}
                    {%- do problems.append(label ~ ': ' ~ unstamped ~ ' row(s) have no _loaded_at. Every raw row'
                        ~ ' carries the stamp of the batch it landed in (dwh load stamps every load itself):'
                        ~ ' stamp them, or delete them and land them again') -%}
                {%- else -%}
                    {%- do checked.append((label, relation)) -%}
                {%- endif -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}

    {%- if checked and problems | length == 0 -%}
        {%- do adapter.create_schema(raw_load_marks_relation()) -%}
        {%- do run_query(raw_load_marks_ddl()) -%}
        {%- set marks = {} -%}
        {%- for row in run_query('select raw_table, newest_loaded_at, rows_before_newest from '
                                 ~ raw_load_marks_relation() ~ ' order by recorded_at, raw_table').rows -%}
            {%- do marks.update({row[0]: row}) -%}  {#- the latest mark of each table wins -#}
        {%- endfor -%}
        {%- set now = {} -%}
        {%- for label, relation in checked -%}
            {%- set mark = marks.get(label) -%}
            {%- if mark and not flags.FULL_REFRESH -%}
                {%- set before = run_query('select count(*) from ' ~ relation ~ ' where _loaded_at < '
                                           ~ "cast('" ~ mark[1] ~ "' as " ~ dbt.type_timestamp() ~ ')').rows[0][0] -%}
                {%- if before > mark[2] -%}
                    {%- do problems.append(label ~ ': ' ~ (before - mark[2]) ~ ' row(s) stamped before ' ~ mark[1]
                        ~ ' (the newest batch when the warehouse was last built) landed since. _loaded_at must never'
                        ~ ' go backwards, or incremental models never read those rows: land them again with a new'
                        ~ ' stamp (dwh load stamps every load itself) and delete the back-dated copies, or rebuild'
                        ~ ' once with --full-refresh') -%}
                {%- elif before < mark[2] -%}
                    {%- do problems.append(label ~ ': ' ~ (mark[2] - before) ~ ' row(s) stamped before ' ~ mark[1]
                        ~ ' are gone since the last build. Raw tables are append-only: restore them, or rebuild'
                        ~ ' once with --full-refresh') -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if problems | length == 0 and record and command != 'run-operation' -%}
            {%- for label, relation in checked -%}
                {%- do run_query(record_raw_load_mark_sql(label, relation)) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}

    {%- if problems -%}
        {{ exceptions.raise_compiler_error(
            'The input contract is broken, so no model ran:\n  - ' ~ problems | join('\n  - ')) }}
    {%- endif -%}
    {%- if command == 'run-operation' -%}
        {{ log('input contract kept by ' ~ sources | length ~ ' raw tables', info=true) }}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}

{#- The table of marks: per raw table, the newest stamp the last run saw and the rows before it. -#}
{% macro raw_load_marks_relation() -%}
    {{ return(api.Relation.create(database=target.get('database'), schema='audit', identifier='raw_load_marks')) }}
{%- endmacro %}

{% macro raw_load_marks_ddl() -%}
    create table if not exists {{ raw_load_marks_relation() }} (
        raw_table {{ dbt.type_string() }},
        newest_loaded_at {{ dbt.type_timestamp() }},
        rows_before_newest {{ dbt.type_bigint() }},
        recorded_at {{ dbt.type_timestamp() }}
    )
{%- endmacro %}

{% macro record_raw_load_mark_sql(label, relation) -%}
    insert into {{ raw_load_marks_relation() }}
    select
        '{{ label }}',
        newest.newest_loaded_at,
        (select count(*) from {{ relation }} as raw_rows where raw_rows._loaded_at < newest.newest_loaded_at),
        {{ dbt.current_timestamp() }}
    from (select max(_loaded_at) as newest_loaded_at from {{ relation }}) as newest
    where newest.newest_loaded_at is not null
{%- endmacro %}

{#- Whether a column's actual type is the contract's type (names differ between engines). -#}
{% macro contract_type_matches(actual, declared) -%}
    {%- set aliases = {
        'varchar': ['varchar', 'character varying', 'text', 'string'],
        'integer': ['integer', 'int', 'int4', 'int32'],
        'bigint': ['bigint', 'int8', 'int64', 'long'],
        'double': ['double', 'double precision', 'float8', 'float64'],
        'boolean': ['boolean', 'bool'],
        'date': ['date'],
        'timestamp': ['timestamp', 'timestamp without time zone'],
        'decimal': ['decimal', 'numeric'],
    } -%}
    {#- decimal(p,s) is compared by its base name: engines report numeric, decimal or decimal(p,s) -#}
    {%- set base = (actual | lower).split('(')[0] | trim -%}
    {%- set declared_base = (declared | lower).split('(')[0] | trim -%}
    {{ return(base in aliases.get(declared_base, [declared | lower])) }}
{%- endmacro %}

{#- SQL: how many values of `column` cannot be cast to `data_type`, and one of them. -#}
{% macro uncastable_values_sql(relation, column, data_type) -%}
    select count(*), min(cast({{ adapter.quote(column) }} as {{ dbt.type_string() }}))
    from {{ relation }}
    where {{ adapter.quote(column) }} is not null
        and {{ try_cast(adapter.quote(column), data_type) }} is null
{%- endmacro %}
