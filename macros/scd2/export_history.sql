{#-
    Daily full exports, read in three macros shared by every dimension built from them.

    newest_export(relation, key_column): each record's row from the newest export that lists it
    (`relation`: one row per record and `export_date`), plus `is_in_latest_export` (whether that
    export is the newest of all: a record missing from it was removed at the source and keeps its
    last attributes) and `export_recency` (always 1 here): for a dimension that keeps only the
    current state of each record, or the attributes history leaves untracked.

    SCD2 from the exports, for every dimension whose history is derived from them (the
    int_<domain>__*_history models):

    export_history(relation, key_column, tracked_columns): one row per version of each record, read
    from every export in `relation` (one row per record and `export_date`): a version opens at the
    record's first export and at every export whose tracked attributes differ from the export
    before it (A, B, A makes three versions). Columns: the key, the tracked attributes,
    `valid_from` (the export date that opened the version: data-driven, so replaying the same
    exports gives the same history), `valid_to` (the next version's `valid_from`, null while
    current) and `is_first_version`. A record's history is the complete one, whatever exports a
    build missed; the dbt snapshots (snap_*) record the versions each build saw.

    in_effect_at(versions, at): the join condition that picks the version in effect at the time
    `at`: valid_from <= at < valid_to. An event older than the record's first export takes its
    first version (the warehouse knows nothing earlier), so every event of a known record finds
    exactly one version.
-#}
{% macro export_history(relation, key_column, tracked_columns) -%}
select
    {{ key_column }},
    {{ tracked_columns | join(', ') }},
    cast(export_date as timestamp) as valid_from,
    cast(lead(export_date) over (partition by {{ key_column }} order by export_date) as timestamp) as valid_to,
    previous_hash is null as is_first_version
from (
    select
        *,
        lag(attributes_hash) over (partition by {{ key_column }} order by export_date) as previous_hash
    from (
        select
            {{ key_column }},
            {{ tracked_columns | join(', ') }},
            export_date,
            {{ surrogate_key(tracked_columns) }} as attributes_hash
        from {{ relation }}
    ) as hashed
) as compared
where previous_hash is null or previous_hash != attributes_hash
{%- endmacro %}

{% macro in_effect_at(versions, at) -%}
    ({{ versions }}.valid_to is null or {{ at }} < {{ versions }}.valid_to)
    and ({{ at }} >= {{ versions }}.valid_from or {{ versions }}.is_first_version)
{%- endmacro %}

{% macro newest_export(relation, key_column) -%}
select
    ranked.*,
    ranked.export_date = (select max(all_exports.export_date) from {{ relation }} as all_exports)
        as is_in_latest_export
from (
    select
        *,
        row_number() over (partition by {{ key_column }} order by export_date desc) as export_recency
    from {{ relation }}
) as ranked
where ranked.export_recency = 1
{%- endmacro %}
