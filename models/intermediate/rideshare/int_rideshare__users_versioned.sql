-- The input of the users snapshot (snap_rideshare__users): each user's current version, with
-- `version_started_at` = the export date that opened it, so the snapshot's history is data-driven.
with

history as (
    select * from {{ ref('int_rideshare__users_history') }}
),

final as (
    select
        user_id,
        home_city,
        valid_from as version_started_at
    from history
    where valid_to is null
)

select * from final
