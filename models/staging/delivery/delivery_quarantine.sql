{{ config(materialized=long_view_materialization()) }}
-- Every raw delivery row set aside, with the reason and the raw row itself. Judged by the same
-- macros as the staging models.

{{ quarantine_rows(
    rank_raw_rows(ref('base_delivery__orders')),
    'raw_orders',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_delivery__deliveries')),
    'raw_deliveries',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_delivery__drivers')),
    'raw_drivers',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_delivery__restaurants')),
    'raw_restaurants',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_delivery__customers')),
    'raw_customers',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_delivery__batching_algorithms')),
    'raw_batching_algorithms',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_delivery__delivery_batches')),
    'raw_delivery_batches',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_delivery__batch_deliveries')),
    'raw_batch_deliveries',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_delivery__batch_waypoints')),
    'raw_batch_waypoints',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_delivery__batch_state_changes')),
    'raw_batch_state_changes',
) }}
