-- One row per company, user and day with at least one good (deduplicated, not quarantined) event.
with

events as (
    select * from {{ ref('stg_company_activity__product_events') }}
    where quarantine_reason is null
),

final as (
    select
        company_id,
        user_id,
        activity_date,
        cast(count(*) as integer) as events,
        max(_loaded_at) as events_loaded_at
    from events
    group by company_id, user_id, activity_date
)

select * from final
