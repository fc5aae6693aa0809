{{
    config(
        materialized=incremental_materialization(),
        unique_key='event_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
/*
    One row per event_id: the event's current state, i.e. its newest raw row, cleaned.

    Why incremental, and why it is correct:
    - Each run reads only the raw rows landed since the last run (landed_since_last_run: rows
      stamped after the newest `_loaded_at` here, and the newest batch again only if it grew,
      since a batch may land in parts under one stamp), ranks them, and replaces the events they
      touch (delete+insert on event_id). The newest row of an
      event is always in that read, so the winner is the one a full refresh would pick.
    - Replays are exact duplicates: they tie, and either copy is the same row.
    - Corrections: a newer row replaces the older one.
    - Late rows of any age: selection is by load stamp, never by event time.
    - When the newest row breaks a rule the event keeps its row here with `quarantine_reason`
      set (and is listed in company_activity_quarantine): downstream models read only rows whose
      `quarantine_reason` is null, and the row is what tells agg_company_daily_events to take the
      event out of the day it used to count in (stg_company_activity__product_event_days lists
      every day a good version of an event counted in).
    On Spark (parquet: no row-level delete) the model is rebuilt whole on every run instead
    (incremental_materialization), which gives the same rows.
*/
with

landed as (
    select * from {{ ref('base_company_activity__product_events') }}
    where event_id is not null
    {% if is_incremental() %}
        and {{ landed_since_last_run(ref('base_company_activity__product_events'), 'count(event_id)') }}
    {% endif %}
),

classified as (
    select
        *,
        {{ batch_row_count('event_id') }} as _batch_row_count
    from ({{ rank_raw_rows('landed', ref('base_company_activity__product_events')) }}) as judged
),

final as (
    select
        -- ids
        event_id,
        company_id,
        user_id,
        -- strings
        event_type,
        _broken_rule as quarantine_reason,
        -- timestamps and dates
        occurred_at,
        cast(occurred_at as date) as activity_date,
        _loaded_at,
        _batch_row_count
    from classified
    where _version_rank = 1
)

select * from final
