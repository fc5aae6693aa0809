{{ config(materialized=long_view_materialization()) }}
-- Every raw delivery row set aside, with the reason and the raw row itself. Judged by the same
-- macros as the staging models.

{{ quarantine_rows(
    delivery__classified_orders(source('delivery', 'raw_orders')),
    'raw_orders',
) }}

union all

{{ quarantine_rows(
    delivery__classified_deliveries(source('delivery', 'raw_deliveries')),
    'raw_deliveries',
) }}

union all

{{ quarantine_rows(
    delivery__classified_drivers(source('delivery', 'raw_drivers')),
    'raw_drivers',
) }}

union all

{{ quarantine_rows(
    delivery__classified_restaurants(source('delivery', 'raw_restaurants')),
    'raw_restaurants',
) }}

union all

{{ quarantine_rows(
    delivery__classified_customers(source('delivery', 'raw_customers')),
    'raw_customers',
) }}

union all

{{ quarantine_rows(
    delivery__classified_batching_algorithms(source('delivery', 'raw_batching_algorithms')),
    'raw_batching_algorithms',
) }}

union all

{{ quarantine_rows(
    delivery__classified_delivery_batches(source('delivery', 'raw_delivery_batches')),
    'raw_delivery_batches',
) }}

union all

{{ quarantine_rows(
    delivery__classified_batch_deliveries(source('delivery', 'raw_batch_deliveries')),
    'raw_batch_deliveries',
) }}

union all

{{ quarantine_rows(
    delivery__classified_batch_waypoints(source('delivery', 'raw_batch_waypoints')),
    'raw_batch_waypoints',
) }}

union all

{{ quarantine_rows(
    delivery__classified_batch_state_changes(source('delivery', 'raw_batch_state_changes')),
    'raw_batch_state_changes',
) }}
