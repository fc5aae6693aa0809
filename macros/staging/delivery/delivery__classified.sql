{#-
    Cleaning and row rules for the delivery raw tables, one macro per table (see
    classify_raw_rows). The staging models and delivery_quarantine read the same definitions.
    Ids are BIGINT, money integer cents, distances DECIMAL(6,2), as in the input contract.
-#}

{% macro delivery__batch_states() -%}
    {{ return(['created', 'assigned', 'in_progress', 'completed', 'cancelled']) }}
{%- endmacro %}

{% macro delivery__classified_orders(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            cast(order_id as bigint) as order_id,
            cast(customer_id as bigint) as customer_id,
            cast(restaurant_id as bigint) as restaurant_id,
            -- strings
            lower(trim(order_status)) as order_status,
            -- numerics
            cast(order_total_cents as integer) as order_total_cents,
            cast(item_count as integer) as item_count,
            cast(estimated_prep_time_minutes as integer) as estimated_prep_time_minutes,
            cast(delivery_fee_cents as integer) as delivery_fee_cents,
            cast(tip_amount_cents as integer) as tip_amount_cents,
            cast(delivery_address_lat as {{ type_double() }}) as delivery_address_lat,
            cast(delivery_address_lng as {{ type_double() }}) as delivery_address_lng,
            -- booleans
            coalesce(cast(has_hot_items as boolean), false) as has_hot_items,
            coalesce(cast(has_cold_items as boolean), false) as has_cold_items,
            coalesce(cast(has_alcohol as boolean), false) as has_alcohol,
            -- timestamps
            cast(order_timestamp as timestamp) as order_timestamp,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['order_id'],
        columns=['order_id', 'customer_id', 'restaurant_id', 'order_timestamp', 'order_total_cents', 'item_count',
                 'order_status', 'estimated_prep_time_minutes', 'has_hot_items', 'has_cold_items', 'has_alcohol',
                 'delivery_fee_cents', 'tip_amount_cents', 'delivery_address_lat', 'delivery_address_lng'],
        rules=[
            {'reason': 'missing_customer_id', 'broken_when': 'customer_id is null'},
            {'reason': 'missing_restaurant_id', 'broken_when': 'restaurant_id is null'},
            {'reason': 'missing_order_timestamp', 'broken_when': 'order_timestamp is null'},
            {'reason': 'order_after_load', 'broken_when': 'order_timestamp > _loaded_at'},
            {'reason': 'unknown_order_status',
             'broken_when': "coalesce(order_status not in ('placed', 'confirmed', 'preparing', 'ready', 'picked_up',"
                 ~ " 'delivered', 'cancelled'), true)"},
            {'reason': 'negative_money',
             'broken_when': 'order_total_cents < 0 or delivery_fee_cents < 0 or tip_amount_cents < 0'},
            {'reason': 'no_items', 'broken_when': 'coalesce(item_count < 1, true)'},
        ],
    ) }}
{%- endmacro %}

{% macro delivery__classified_deliveries(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            cast(delivery_id as bigint) as delivery_id,
            cast(order_id as bigint) as order_id,
            cast(driver_id as bigint) as driver_id,
            -- strings
            lower(trim(delivery_status)) as delivery_status,
            {{ free_text('cancellation_reason') }} as cancellation_reason,
            -- numerics
            cast(estimated_delivery_time_minutes as integer) as estimated_delivery_time_minutes,
            cast(delivery_distance_miles as decimal(6, 2)) as delivery_distance_miles,
            -- timestamps
            cast(delivery_created_at as timestamp) as delivery_created_at,
            cast(assigned_to_driver_at as timestamp) as assigned_to_driver_at,
            cast(driver_arrived_at_restaurant_at as timestamp) as driver_arrived_at_restaurant_at,
            cast(picked_up_at as timestamp) as picked_up_at,
            cast(delivered_at as timestamp) as delivered_at,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['delivery_id'],
        columns=['delivery_id', 'order_id', 'driver_id', 'delivery_created_at', 'assigned_to_driver_at',
                 'driver_arrived_at_restaurant_at', 'picked_up_at', 'delivered_at', 'estimated_delivery_time_minutes',
                 'delivery_distance_miles', 'delivery_status', 'cancellation_reason'],
        rules=[
            {'reason': 'missing_order_id', 'broken_when': 'order_id is null'},
            {'reason': 'missing_created_at', 'broken_when': 'delivery_created_at is null'},
            {'reason': 'delivery_after_load', 'broken_when': 'delivery_created_at > _loaded_at'},
            {'reason': 'unknown_delivery_status',
             'broken_when': "coalesce(delivery_status not in ('created', 'assigned', 'en_route_to_restaurant',"
                 ~ " 'at_restaurant', 'picked_up', 'en_route_to_customer', 'delivered', 'cancelled'), true)"},
            {'reason': 'delivered_before_created', 'broken_when': 'delivered_at < delivery_created_at'},
            {'reason': 'negative_distance', 'broken_when': 'delivery_distance_miles < 0'},
        ],
    ) }}
{%- endmacro %}

{% macro delivery__classified_drivers(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            cast(driver_id as bigint) as driver_id,
            trim(driver_external_id) as driver_external_id,
            -- strings
            lower(trim(driver_status)) as driver_status,
            lower(trim(vehicle_type)) as vehicle_type,
            lower(trim(driver_tier)) as driver_tier,
            -- numerics
            cast(max_batch_capacity as integer) as max_batch_capacity,
            -- booleans
            coalesce(cast(has_insulated_bag as boolean), false) as has_insulated_bag,
            -- dates and timestamps
            cast(driver_since_date as date) as driver_since_date,
            cast(export_date as date) as export_date,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['driver_id', 'export_date'],
        columns=['driver_id', 'export_date', 'driver_external_id', 'driver_since_date', 'driver_status',
                 'vehicle_type', 'has_insulated_bag', 'max_batch_capacity', 'driver_tier'],
        rules=[
            {'reason': 'unknown_driver_status',
             'broken_when': "coalesce(driver_status not in ('active', 'inactive', 'suspended'), true)"},
            {'reason': 'unknown_vehicle_type',
             'broken_when': "coalesce(vehicle_type not in ('car', 'bike', 'scooter', 'walking'), true)"},
            {'reason': 'unknown_driver_tier',
             'broken_when': "coalesce(driver_tier not in ('new', 'standard', 'premium'), true)"},
            {'reason': 'no_batch_capacity', 'broken_when': 'max_batch_capacity < 1'},
            {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
        ],
    ) }}
{%- endmacro %}

{% macro delivery__classified_restaurants(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            cast(restaurant_id as bigint) as restaurant_id,
            trim(restaurant_external_id) as restaurant_external_id,
            -- strings
            {{ free_text('restaurant_name') }} as restaurant_name,
            lower({{ free_text('cuisine_type') }}) as cuisine_type,
            -- numerics
            cast(restaurant_lat as {{ type_double() }}) as restaurant_lat,
            cast(restaurant_lng as {{ type_double() }}) as restaurant_lng,
            cast(avg_prep_time_minutes as integer) as avg_prep_time_minutes,
            -- booleans
            coalesce(cast(can_handle_batch_pickups as boolean), false) as can_handle_batch_pickups,
            coalesce(cast(is_partner_restaurant as boolean), false) as is_partner_restaurant,
            -- dates and timestamps
            cast(export_date as date) as export_date,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['restaurant_id', 'export_date'],
        columns=['restaurant_id', 'export_date', 'restaurant_external_id', 'restaurant_name', 'cuisine_type',
                 'restaurant_lat', 'restaurant_lng', 'avg_prep_time_minutes', 'can_handle_batch_pickups',
                 'is_partner_restaurant'],
        rules=[
            {'reason': 'negative_prep_time', 'broken_when': 'avg_prep_time_minutes < 0'},
            {'reason': 'coordinates_off_the_globe',
             'broken_when': 'restaurant_lat not between -90 and 90 or restaurant_lng not between -180 and 180'},
            {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
        ],
    ) }}
{%- endmacro %}

{% macro delivery__classified_customers(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            cast(customer_id as bigint) as customer_id,
            -- strings
            trim(full_name) as full_name,
            lower(trim(email)) as email,
            {{ free_text('city') }} as city,
            -- timestamps
            cast(signup_at as timestamp) as signup_at,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['customer_id'],
        columns=['customer_id', 'full_name', 'email', 'city', 'signup_at'],
        rules=[],
    ) }}
{%- endmacro %}

{% macro delivery__classified_batching_algorithms(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            cast(batching_algorithm_key as bigint) as batching_algorithm_key,
            -- strings
            {{ free_text('algorithm_name') }} as algorithm_name,
            {{ free_text('algorithm_version') }} as algorithm_version,
            -- numerics
            cast(max_batch_size as integer) as max_batch_size,
            cast(max_total_distance_miles as decimal(6, 2)) as max_total_distance_miles,
            cast(traffic_percentage as decimal(5, 4)) as traffic_percentage,
            -- timestamps
            cast(deployed_at as timestamp) as deployed_at,
            cast(deprecated_at as timestamp) as deprecated_at,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['batching_algorithm_key'],
        columns=['batching_algorithm_key', 'algorithm_name', 'algorithm_version', 'max_batch_size',
                 'max_total_distance_miles', 'deployed_at', 'deprecated_at', 'traffic_percentage'],
        rules=[
            {'reason': 'missing_algorithm_name', 'broken_when': 'algorithm_name is null'},
            {'reason': 'no_batch_size', 'broken_when': 'coalesce(max_batch_size < 1, true)'},
            {'reason': 'traffic_out_of_range', 'broken_when': 'traffic_percentage not between 0 and 1'},
        ],
    ) }}
{%- endmacro %}

{% macro delivery__classified_delivery_batches(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            cast(batch_id as bigint) as batch_id,
            cast(driver_id as bigint) as driver_id,
            cast(batching_algorithm_key as bigint) as batching_algorithm_key,
            -- strings
            lower(trim(batch_status)) as batch_status,
            {{ free_text('cancellation_reason') }} as cancellation_reason,
            -- numerics
            cast(total_deliveries as integer) as total_deliveries,
            cast(planned_total_distance_miles as decimal(6, 2)) as planned_total_distance_miles,
            cast(actual_total_distance_miles as decimal(6, 2)) as actual_total_distance_miles,
            cast(planned_total_time_minutes as integer) as planned_total_time_minutes,
            cast(batch_efficiency_score as decimal(5, 4)) as batch_efficiency_score,
            -- timestamps
            cast(batch_created_at as timestamp) as batch_created_at,
            cast(batch_assigned_at as timestamp) as batch_assigned_at,
            cast(batch_started_at as timestamp) as batch_started_at,
            cast(batch_completed_at as timestamp) as batch_completed_at,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['batch_id'],
        columns=['batch_id', 'driver_id', 'batching_algorithm_key', 'batch_created_at', 'batch_assigned_at',
                 'batch_started_at', 'batch_completed_at', 'total_deliveries', 'planned_total_distance_miles',
                 'actual_total_distance_miles', 'planned_total_time_minutes', 'batch_efficiency_score',
                 'batch_status', 'cancellation_reason'],
        rules=[
            {'reason': 'missing_driver_id', 'broken_when': 'driver_id is null'},
            {'reason': 'missing_algorithm', 'broken_when': 'batching_algorithm_key is null'},
            {'reason': 'missing_created_at', 'broken_when': 'batch_created_at is null'},
            {'reason': 'batch_after_load', 'broken_when': 'batch_created_at > _loaded_at'},
            {'reason': 'unknown_batch_status',
             'broken_when': 'coalesce(batch_status not in (' ~ quoted_list(delivery__batch_states()) ~ '), true)'},
            {'reason': 'batch_times_out_of_order',
             'broken_when': 'batch_assigned_at < batch_created_at or batch_started_at < batch_assigned_at'
                 ~ ' or batch_completed_at < batch_started_at'},
            {'reason': 'negative_distance',
             'broken_when': 'planned_total_distance_miles < 0 or actual_total_distance_miles < 0'},
        ],
    ) }}
{%- endmacro %}

{% macro delivery__classified_batch_deliveries(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            cast(batch_delivery_id as bigint) as batch_delivery_id,
            cast(batch_id as bigint) as batch_id,
            cast(delivery_id as bigint) as delivery_id,
            -- numerics
            cast(pickup_sequence as integer) as pickup_sequence,
            cast(dropoff_sequence as integer) as dropoff_sequence,
            cast(pickup_wait_time_minutes as integer) as pickup_wait_time_minutes,
            cast(customer_satisfaction_score as integer) as customer_satisfaction_score,
            -- timestamps
            cast(estimated_pickup_time as timestamp) as estimated_pickup_time,
            cast(actual_pickup_time as timestamp) as actual_pickup_time,
            cast(estimated_dropoff_time as timestamp) as estimated_dropoff_time,
            cast(actual_dropoff_time as timestamp) as actual_dropoff_time,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['batch_delivery_id'],
        columns=['batch_delivery_id', 'batch_id', 'delivery_id', 'pickup_sequence', 'dropoff_sequence',
                 'estimated_pickup_time', 'actual_pickup_time', 'estimated_dropoff_time', 'actual_dropoff_time',
                 'pickup_wait_time_minutes', 'customer_satisfaction_score'],
        rules=[
            {'reason': 'missing_batch_id', 'broken_when': 'batch_id is null'},
            {'reason': 'missing_delivery_id', 'broken_when': 'delivery_id is null'},
            {'reason': 'sequence_below_one', 'broken_when': 'coalesce(pickup_sequence < 1 or dropoff_sequence < 1, true)'},
            {'reason': 'negative_pickup_wait', 'broken_when': 'pickup_wait_time_minutes < 0'},
            {'reason': 'satisfaction_out_of_range', 'broken_when': 'customer_satisfaction_score not between 1 and 5'},
        ],
    ) }}
{%- endmacro %}

{% macro delivery__classified_batch_waypoints(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            cast(waypoint_id as bigint) as waypoint_id,
            cast(batch_id as bigint) as batch_id,
            cast(delivery_id as bigint) as delivery_id,
            -- strings
            lower(trim(waypoint_type)) as waypoint_type,
            -- numerics
            cast(sequence_order as integer) as sequence_order,
            cast(waypoint_lat as {{ type_double() }}) as waypoint_lat,
            cast(waypoint_lng as {{ type_double() }}) as waypoint_lng,
            cast(distance_to_next_miles as decimal(6, 2)) as distance_to_next_miles,
            -- timestamps
            cast(estimated_arrival_time as timestamp) as estimated_arrival_time,
            cast(actual_arrival_time as timestamp) as actual_arrival_time,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['waypoint_id'],
        columns=['waypoint_id', 'batch_id', 'delivery_id', 'waypoint_type', 'sequence_order', 'waypoint_lat',
                 'waypoint_lng', 'estimated_arrival_time', 'actual_arrival_time', 'distance_to_next_miles'],
        rules=[
            {'reason': 'missing_batch_id', 'broken_when': 'batch_id is null'},
            {'reason': 'unknown_waypoint_type',
             'broken_when': "coalesce(waypoint_type not in ('driver_start', 'restaurant', 'customer', 'driver_end'),"
                 ~ " true)"},
            {'reason': 'sequence_below_one', 'broken_when': 'coalesce(sequence_order < 1, true)'},
            {'reason': 'coordinates_off_the_globe',
             'broken_when': 'coalesce(waypoint_lat not between -90 and 90 or waypoint_lng not between -180 and 180,'
                 ~ ' true)'},
            {'reason': 'negative_distance', 'broken_when': 'distance_to_next_miles < 0'},
        ],
    ) }}
{%- endmacro %}

{% macro delivery__classified_batch_state_changes(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            cast(state_change_id as bigint) as state_change_id,
            cast(batch_id as bigint) as batch_id,
            cast(affected_delivery_id as bigint) as affected_delivery_id,
            -- strings
            lower(trim(previous_state)) as previous_state,
            lower(trim(new_state)) as new_state,
            lower({{ free_text('change_trigger') }}) as change_trigger,
            -- timestamps
            cast(changed_at as timestamp) as changed_at,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['state_change_id'],
        columns=['state_change_id', 'batch_id', 'changed_at', 'previous_state', 'new_state', 'change_trigger',
                 'affected_delivery_id'],
        rules=[
            {'reason': 'missing_batch_id', 'broken_when': 'batch_id is null'},
            {'reason': 'missing_changed_at', 'broken_when': 'changed_at is null'},
            {'reason': 'change_after_load', 'broken_when': 'changed_at > _loaded_at'},
            {'reason': 'unknown_state',
             'broken_when': 'coalesce(new_state not in (' ~ quoted_list(delivery__batch_states()) ~ '), true)'
                 ~ ' or previous_state not in (' ~ quoted_list(delivery__batch_states()) ~ ')'},
        ],
    ) }}
{%- endmacro %}
