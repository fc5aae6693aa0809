{#-
    release_sample_batch(holding, up_to, after): append to the raw tables the sample rows held in
    schema `holding` (seeded there with --vars '{sample_data_schema: <holding>}') whose `_loaded_at`
    lies in (after, up_to], creating each raw table on the first release. `up_to` and `after` map
    each source (domain) to its bound, as each domain's sample has its own load stamps
    (dwh/engines.py picks them); a source missing from `after` has no lower bound. Plain CREATE TABLE AS and
    INSERT, so it runs on every engine: the engine tests land the sample this way, in batches,
    on DuckDB, PostgreSQL and Spark alike.

        dbt run-operation release_sample_batch --args '{holding: sample_holding, up_to: {<domain>: "2026-04-02 06:00:00", ...}}'
-#}
{% macro release_sample_batch(holding, up_to, after={}) %}
    {%- set raw_schema = api.Relation.create(database=target.get('database'), schema='raw') -%}
    {%- do adapter.create_schema(raw_schema) -%}
    {%- for source in graph.sources.values() if source.package_name == project_name -%}
        {%- if source.source_name not in up_to -%}
            {{ exceptions.raise_compiler_error('release_sample_batch: no bound given for source ' ~ source.source_name) }}
        {%- endif -%}
        {%- set window -%}
            _loaded_at <= cast('{{ up_to[source.source_name] }}' as {{ dbt.type_timestamp() }})
            {%- if source.source_name in after %}
                and _loaded_at > cast('{{ after[source.source_name] }}' as {{ dbt.type_timestamp() }})
            {%- endif %}
        {%- endset -%}
        {%- set held = adapter.get_relation(database=target.get('database'), schema=holding,
                                            identifier=source.identifier) -%}
        {%- if held is none -%}
            {{ exceptions.raise_compiler_error('no held sample table ' ~ holding ~ '.' ~ source.identifier) }}
        {%- endif -%}
        {%- set raw_table = adapter.get_relation(database=target.get('database'), schema=source.schema,
                                                 identifier=source.identifier) -%}
        {%- set rows = 'select * from ' ~ held ~ ' where ' ~ window -%}
        {%- if raw_table is none -%}
            {%- set raw_table = api.Relation.create(database=target.get('database'), schema=source.schema,
                                                    identifier=source.identifier, type='table') -%}
            {%- set statement_sql = create_table_as(false, raw_table, rows) -%}
        {%- else -%}
            {%- set statement_sql = 'insert into ' ~ raw_table ~ ' ' ~ rows -%}
        {%- endif -%}
        {%- call statement('release_' ~ source.identifier, auto_begin=true) -%}{{ statement_sql }}{%- endcall -%}
        {%- do adapter.commit() -%}
        {{ log('released ' ~ source.identifier ~ ' up to ' ~ up_to[source.source_name], info=true) }}
    {%- endfor -%}
{% endmacro %}
