{{ config(materialized=long_view_materialization()) }}
-- Every raw rideshare row set aside, with the reason and the raw row itself. Judged by the same
-- macros as the staging models. A segment whose ride is not current (not landed yet, or itself
-- quarantined) waits here as `unknown_ride`, and one that does not fit inside its ride's time
-- window as `segment_outside_ride` (rideshare__segments_checked), until a ride that holds it lands.
with

classified_segments as (
    {{ rank_raw_rows(ref('base_rideshare__ride_segments')) }}
),

current_rides as (
    select *
    from ({{ rank_raw_rows(ref('base_rideshare__rides')) }}) as rides
    where _row_status = 'current'
),

current_segments as (
    select * from classified_segments
    where _row_status = 'current'
),

checked_segments as (
    {{ rideshare__segments_checked('current_segments', 'current_rides') }}
),

segments_judged as (
    select
        classified_segments.*,
        checked_segments._ride_rule
    from classified_segments
    left join checked_segments
        on classified_segments.segment_id = checked_segments.segment_id
            and classified_segments._version_rank = checked_segments._version_rank
),

segments_with_ride_rule as (
    select
        *,
        coalesce(_ride_rule, _broken_rule) as _reason,
        case when _ride_rule is not null then 'quarantined' else _row_status end as _status
    from segments_judged
)

{{ quarantine_rows(
    'select * from segments_with_ride_rule',
    'raw_ride_segments',
    reason_column='_reason',
    status_column='_status',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_rideshare__rides')),
    'raw_rides',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_rideshare__ride_requests')),
    'raw_ride_requests',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_rideshare__users')),
    'raw_rideshare_users',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_rideshare__vehicles')),
    'raw_vehicles',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_rideshare__locations')),
    'raw_locations',
) }}
