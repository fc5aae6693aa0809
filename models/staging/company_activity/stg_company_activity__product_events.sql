{{
    config(
        materialized='incremental',
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
      event out of the day it used to count in.
    - `prior_activity_days` lists every (company_id, activity_date), other than its current one,
      that an older good version of the event counted in. Downstream incrementals re-aggregate
      those days too, so a correction that moves an event to another day or company leaves no
      stale count behind. It is a pure function of the raw rows: a full refresh builds the same
      list (replays add nothing, as their day is the current one).
*/
with

source as (
    select * from {{ source('company_activity', 'raw_product_events') }}
    where event_id is not null
    {% if is_incremental() %}
        and {{ landed_since_last_run(source('company_activity', 'raw_product_events'), 'count(event_id)') }}
    {% endif %}
),

classified as (
    select
        *,
        {{ batch_row_count('event_id') }} as _batch_row_count
    from ({{ company_activity__classified_product_events('source') }}) as judged
),

newest as (
    select * from classified
    where _version_rank = 1
),

older_good_days as (
    -- days that older good versions read in this run counted in
    select
        event_id,
        company_id,
        activity_date
    from classified
    where _version_rank > 1 and _broken_rule is null
    {% if is_incremental() %}

        union all

        -- the version this table held before this run, when it was good and is now replaced
        select
            previous.event_id,
            previous.company_id,
            previous.activity_date
        from {{ this }} as previous
        inner join newest
            on previous.event_id = newest.event_id
        where previous.quarantine_reason is null

        union all

        -- and the days its own older versions had counted in
        select
            previous.event_id,
            unnested.prior_day.company_id,
            unnested.prior_day.activity_date
        from {{ this }} as previous
        inner join newest
            on previous.event_id = newest.event_id
        cross join unnest(previous.prior_activity_days) as unnested (prior_day)
    {% endif %}
),

prior_days as (
    select
        older_good_days.event_id,
        list_sort(list_distinct(list({
            'company_id': older_good_days.company_id,
            'activity_date': older_good_days.activity_date
        }))) as prior_activity_days
    from older_good_days
    inner join newest
        on older_good_days.event_id = newest.event_id
    where
        older_good_days.company_id is distinct from newest.company_id
        or older_good_days.activity_date is distinct from newest.activity_date
    group by older_good_days.event_id
),

final as (
    select
        -- ids
        newest.event_id,
        newest.company_id,
        newest.user_id,
        -- strings
        newest.event_type,
        newest._broken_rule as quarantine_reason,
        -- timestamps and dates
        newest.occurred_at,
        newest.activity_date,
        newest._loaded_at,
        newest._batch_row_count,
        -- bookkeeping for downstream incrementals
        newest._row_fingerprint,
        coalesce(
            prior_days.prior_activity_days,
            cast([] as struct(company_id varchar, activity_date date)[])
        ) as prior_activity_days
    from newest
    left join prior_days
        on newest.event_id = prior_days.event_id
)

select * from final
