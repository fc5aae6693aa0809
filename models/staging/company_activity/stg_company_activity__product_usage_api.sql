{{
    config(
        materialized=incremental_materialization(),
        unique_key=['company_id', 'usage_date'],
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
/*
    One row per company per day: the Product API's figures as its newest pull of each
    (company_id, usage_date) gave them, cleaned. Rows that break a rule are in
    company_activity_quarantine; a day whose newest pull broke one keeps its row here with
    `quarantine_reason` set, so that company_activity_reconciliation sees the day changed, and
    downstream models read only rows whose `quarantine_reason` is null.

    Why incremental, and why it is correct: as stg_company_activity__product_events. Each run
    reads the raw rows landed since the last run (landed_since_last_run), ranks them, and replaces
    the days they touch (delete+insert on company and day). The newest pull of a day is always in
    that read, so the winner is the one a full refresh picks; re-pulls replace, replays tie.
    On Spark the model is rebuilt whole on every run (incremental_materialization).
*/
with

landed as (
    select * from {{ ref('base_company_activity__product_usage_api') }}
    where company_id is not null and usage_date is not null
    {% if is_incremental() %}
        and {{ landed_since_last_run(
            ref('base_company_activity__product_usage_api'),
            'count(case when usage_date is not null then company_id end)') }}
    {% endif %}
),

classified as (
    select
        *,
        {{ batch_row_count('company_id') }} as _batch_row_count
    from ({{ rank_raw_rows('landed', ref('base_company_activity__product_usage_api')) }}) as judged
),

final as (
    select
        -- ids
        company_id,
        -- strings
        _broken_rule as quarantine_reason,
        -- numerics
        active_users,
        events,
        -- dates and timestamps
        usage_date,
        _loaded_at,
        _batch_row_count
    from classified
    where _version_rank = 1
)

select * from final
