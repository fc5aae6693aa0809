{#-
    Incremental reads by load stamp.

    incremental_watermark(column='_loaded_at'): the newest `column` already in this incremental
    model, as a scalar subquery. An empty table (a domain whose raw tables have not received a
    row yet) gives the earliest possible value, so the next run reads everything, not nothing.

    landed_since_last_run(relation, batch_size): a filter (to follow `where ...`) keeping the
    rows of `relation` this run must read: those stamped after the watermark, and those stamped
    at the watermark only if the batch has grown since it was read (a batch may land in parts
    under one stamp). `batch_size` is an aggregate over the relation's rows at one stamp:
    `count(post_id)` over a raw table (its keyed rows), `max(_batch_row_count)` over a model that
    stores batch_row_count. The model itself stores `_batch_row_count`, so the last batch is
    read again only when it really grew: a run's work grows with the newly landed rows, not
    with the size of the last batch.

    batch_row_count(key): the number of rows with a `key` sharing the row's `_loaded_at`, over
    the rows read (a whole batch is always read together). A deterministic audit column.
-#}
{% macro incremental_watermark(column='_loaded_at') -%}
    coalesce(
        (select max(watermark_source.{{ column }}) from {{ this }} as watermark_source),
        cast('1900-01-01' as {{ dbt.type_timestamp() }})
    )
{%- endmacro %}

{% macro landed_since_last_run(relation, batch_size) -%}
    (
        _loaded_at > {{ incremental_watermark() }}
        or (
            _loaded_at = {{ incremental_watermark() }}
            and (
                select {{ batch_size }} from {{ relation }} as batch
                where batch._loaded_at = {{ incremental_watermark() }}
            ) != (
                select max(seen._batch_row_count) from {{ this }} as seen
                where seen._loaded_at = {{ incremental_watermark() }}
            )
        )
    )
{%- endmacro %}

{% macro batch_row_count(key) -%}
    count({{ key }}) over (partition by _loaded_at)
{%- endmacro %}
