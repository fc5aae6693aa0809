-- Every raw streaming row set aside, with the reason and the raw row itself. Judged by the same
-- base models as the staging models. A beacon for a title the catalogue does not hold (yet) waits here
-- as `unknown_content` and leaves the quarantine on the first build that sees its title.
{{ quarantine_rows(
    awaiting_reference(
        rank_raw_rows(ref('base_streaming__playback_events')),
        'content_id',
        rank_raw_rows(ref('base_streaming__content')),
        'unknown_content',
    ),
    'raw_playback_events',
    reason_column='_reason',
    status_column='_status',
) }}

union all

{{ quarantine_rows(rank_raw_rows(ref('base_streaming__content')), 'raw_content') }}

union all

{{ quarantine_rows(rank_raw_rows(ref('base_streaming__devices')), 'raw_devices') }}

union all

{{ quarantine_rows(rank_raw_rows(ref('base_streaming__profiles')), 'raw_profiles') }}
