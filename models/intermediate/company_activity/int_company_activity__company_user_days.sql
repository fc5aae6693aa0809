-- One row per company, user and day with at least one good (deduplicated, not quarantined) event.
with

events as (
    select * from {{ ref('stg_company_activity__product_events') }}
    where quarantine_reason is null
),

final as (
    {{ company_activity__user_days('events') }}
)

select * from final
