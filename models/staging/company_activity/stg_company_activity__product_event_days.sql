{{
    config(
        materialized=incremental_materialization(),
        unique_key=['event_id', 'company_id', 'activity_date'],
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
/*
    One row per event and (company_id, activity_date) that a good version of the event ever had:
    the days an event has counted in, whichever of its versions was current when. A corrected
    event that moved from one day (or company) to another has a row for each;
    agg_company_daily_events re-aggregates all of them when the event changes again, so no stale
    count is left behind. A pure function of the raw rows, so a full refresh builds the same rows.

    Why incremental, and why it is correct: raw rows are never taken back, so the set of days only
    grows. Each run reads the raw rows landed since the last run (landed_since_last_run, as in
    stg_company_activity__product_events) and upserts their good (event, company, day) triples
    (delete+insert on all three); `_loaded_at` is the newest load that showed the triple, which
    the newest read always holds. Rows that break a rule add nothing: they never counted.
    On Spark the model is rebuilt whole on every run (incremental_materialization).
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
        cast(occurred_at as date) as activity_date,
        {{ batch_row_count('event_id') }} as _batch_row_count
    from landed
),

good_days as (
    select
        event_id,
        company_id,
        activity_date,
        max(_loaded_at) as _loaded_at
    from classified
    where _broken_rule is null
    group by event_id, company_id, activity_date
),

batches as (
    -- each load stamp read, with its batch's size (the same on every row of the batch)
    select distinct
        _loaded_at,
        _batch_row_count
    from classified
),

final as (
    select
        -- ids
        good_days.event_id,
        good_days.company_id,
        -- dates and timestamps
        good_days.activity_date,
        good_days._loaded_at,
        batches._batch_row_count
    from good_days
    inner join batches
        on good_days._loaded_at = batches._loaded_at
)

select * from final
