-- Every raw streaming row set aside, with the reason and the raw row itself. Judged by the same
-- macros as the staging models. A beacon for a title the catalogue does not hold (yet) waits here
-- as `unknown_content` and leaves the quarantine on the first build that sees its title.
with

classified_events as (
    {{ rank_raw_rows(ref('base_streaming__playback_events')) }}
),

known_content as (
    select distinct content_id
    from ({{ rank_raw_rows(ref('base_streaming__content')) }}) as catalogue
    where _row_status = 'current'
),

events_judged as (
    select
        classified_events.*,
        coalesce(
            classified_events._row_status = 'current'
            and classified_events.content_id not in (select known_content.content_id from known_content),
            false
        ) as _is_unknown_content
    from classified_events
),

events_with_unknown_content as (
    select
        *,
        case when _is_unknown_content then 'unknown_content' else _broken_rule end as _reason,
        case when _is_unknown_content then 'quarantined' else _row_status end as _status
    from events_judged
)

{{ quarantine_rows(
    'select * from events_with_unknown_content',
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
