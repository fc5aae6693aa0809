-- Every raw social row set aside, with the reason and the raw row itself. Judged by the same
-- base models as the staging models. An event whose post is not (yet) in the warehouse waits here
-- as `unknown_post` and leaves the quarantine on the first build that sees its post.
{{ quarantine_rows(rank_raw_rows(ref('base_social__posts')), 'raw_posts') }}

union all

{{ quarantine_rows(
    awaiting_reference(
        rank_raw_rows(ref('base_social__engagement_events')),
        'post_id',
        rank_raw_rows(ref('base_social__posts')),
        'unknown_post',
    ),
    'raw_engagement_events',
    reason_column='_reason',
    status_column='_status',
) }}

union all

{{ quarantine_rows(rank_raw_rows(ref('base_social__users')), 'raw_social_users') }}
