-- Every raw social row set aside, with the reason and the raw row itself. Judged by the same
-- macros as the staging models. An event whose post is not (yet) in the warehouse waits here as
-- `unknown_post` and leaves the quarantine on the first build that sees its post.
with

classified_events as (
    {{ rank_raw_rows(ref('base_social__engagement_events')) }}
),

known_posts as (
    select post_id
    from ({{ rank_raw_rows(ref('base_social__posts')) }}) as posts
    where _row_status = 'current'
),

events_judged as (
    select
        classified_events.*,
        coalesce(
            classified_events._row_status = 'current'
            and classified_events.post_id not in (select known_posts.post_id from known_posts),
            false
        ) as _is_unknown_post
    from classified_events
),

events_with_unknown_posts as (
    select
        *,
        case when _is_unknown_post then 'unknown_post' else _broken_rule end as _reason,
        case when _is_unknown_post then 'quarantined' else _row_status end as _status
    from events_judged
)

{{ quarantine_rows(rank_raw_rows(ref('base_social__posts')), 'raw_posts') }}

union all

{{ quarantine_rows(
    'select * from events_with_unknown_posts',
    'raw_engagement_events',
    reason_column='_reason',
    status_column='_status',
) }}

union all

{{ quarantine_rows(rank_raw_rows(ref('base_social__users')), 'raw_social_users') }}
