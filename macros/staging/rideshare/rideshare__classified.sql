{#-
    Cleaning and row rules for the rideshare raw tables, one macro per table (see
    classify_raw_rows). The staging models and rideshare_quarantine read the same definitions;
    the rule between two tables (a segment and its ride) is rideshare__segments_checked.
-#}

{% macro rideshare__ride_types() -%}
    {{ return(['regular', 'carpool', 'xl']) }}
{%- endmacro %}

{% macro rideshare__classified_rides(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(ride_id) as ride_id,
            trim(driver_id) as driver_id,
            trim(vehicle_id) as vehicle_id,
            trim(start_location_id) as start_location_id,
            trim(end_location_id) as end_location_id,
            -- strings
            lower(trim(ride_type)) as ride_type,
            lower(trim(ride_status)) as ride_status,
            -- numerics
            cast(total_fare as decimal(10, 2)) as total_fare,
            cast(total_distance_km as decimal(8, 2)) as total_distance_km,
            -- timestamps
            cast(start_ts as timestamp) as start_timestamp,
            cast(end_ts as timestamp) as end_timestamp,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['ride_id'],
        columns=['ride_id', 'driver_id', 'vehicle_id', 'ride_type', 'ride_status', 'start_timestamp',
                 'end_timestamp', 'start_location_id', 'end_location_id', 'total_fare', 'total_distance_km'],
        rules=[
            {'reason': 'missing_driver_id', 'broken_when': 'driver_id is null'},
            {'reason': 'unknown_ride_type',
             'broken_when': 'coalesce(ride_type not in (' ~ quoted_list(rideshare__ride_types()) ~ '), true)'},
            {'reason': 'unknown_ride_status',
             'broken_when': "coalesce(ride_status not in ('completed', 'cancelled'), true)"},
            {'reason': 'missing_start_timestamp', 'broken_when': 'start_timestamp is null'},
            {'reason': 'ride_after_load', 'broken_when': 'start_timestamp > _loaded_at'},
            {'reason': 'completed_without_end', 'broken_when': "ride_status = 'completed' and end_timestamp is null"},
            {'reason': 'end_before_start', 'broken_when': 'end_timestamp < start_timestamp'},
            {'reason': 'negative_fare', 'broken_when': 'total_fare < 0'},
            {'reason': 'negative_distance', 'broken_when': 'total_distance_km < 0'},
        ],
    ) }}
{%- endmacro %}

{% macro rideshare__classified_ride_segments(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(segment_id) as segment_id,
            trim(ride_id) as ride_id,
            trim(rider_id) as rider_id,
            trim(pickup_location_id) as pickup_location_id,
            trim(dropoff_location_id) as dropoff_location_id,
            -- strings
            lower(trim(segment_status)) as segment_status,
            -- numerics
            cast(segment_fare as decimal(10, 2)) as segment_fare,
            cast(segment_distance_km as decimal(8, 2)) as segment_distance_km,
            -- timestamps
            cast(pickup_ts as timestamp) as pickup_timestamp,
            cast(dropoff_ts as timestamp) as dropoff_timestamp,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['segment_id'],
        columns=['segment_id', 'ride_id', 'rider_id', 'pickup_timestamp', 'dropoff_timestamp', 'pickup_location_id',
                 'dropoff_location_id', 'segment_fare', 'segment_distance_km', 'segment_status'],
        rules=[
            {'reason': 'missing_ride_id', 'broken_when': 'ride_id is null'},
            {'reason': 'missing_rider_id', 'broken_when': 'rider_id is null'},
            {'reason': 'unknown_segment_status',
             'broken_when': "coalesce(segment_status not in ('completed', 'cancelled'), true)"},
            {'reason': 'missing_pickup_timestamp', 'broken_when': 'pickup_timestamp is null'},
            {'reason': 'pickup_after_load', 'broken_when': 'pickup_timestamp > _loaded_at'},
            {'reason': 'completed_without_dropoff',
             'broken_when': "segment_status = 'completed' and dropoff_timestamp is null"},
            {'reason': 'dropoff_not_after_pickup', 'broken_when': 'dropoff_timestamp <= pickup_timestamp'},
            {'reason': 'negative_fare', 'broken_when': 'segment_fare < 0'},
            {'reason': 'negative_distance', 'broken_when': 'segment_distance_km < 0'},
        ],
    ) }}
{%- endmacro %}

{% macro rideshare__classified_ride_requests(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(request_id) as request_id,
            trim(rider_id) as rider_id,
            trim(pickup_location_id) as pickup_location_id,
            trim(dropoff_location_id) as dropoff_location_id,
            nullif(trim(matched_segment_id), '') as matched_segment_id,
            -- strings
            lower(trim(ride_type_requested)) as ride_type_requested,
            lower(trim(request_status)) as request_status,
            -- timestamps
            cast(requested_at as timestamp) as requested_at,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['request_id'],
        columns=['request_id', 'rider_id', 'requested_at', 'ride_type_requested', 'pickup_location_id',
                 'dropoff_location_id', 'request_status', 'matched_segment_id'],
        rules=[
            {'reason': 'missing_rider_id', 'broken_when': 'rider_id is null'},
            {'reason': 'missing_requested_at', 'broken_when': 'requested_at is null'},
            {'reason': 'request_after_load', 'broken_when': 'requested_at > _loaded_at'},
            {'reason': 'unknown_ride_type',
             'broken_when': 'coalesce(ride_type_requested not in ('
                 ~ quoted_list(rideshare__ride_types()) ~ '), true)'},
            {'reason': 'unknown_request_status',
             'broken_when': "coalesce(request_status not in ('matched', 'unmatched', 'cancelled_by_rider'), true)"},
            {'reason': 'matched_without_segment',
             'broken_when': "request_status = 'matched' and matched_segment_id is null"},
        ],
    ) }}
{%- endmacro %}

{% macro rideshare__classified_users(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(user_id) as user_id,
            -- strings
            lower(trim(user_type)) as user_type,
            trim(full_name) as full_name,
            lower(trim(email)) as email,
            trim(phone) as phone,
            {{ free_text('home_city') }} as home_city,
            -- dates and timestamps
            cast(signup_at as timestamp) as signup_at,
            cast(export_date as date) as export_date,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['user_id', 'export_date'],
        columns=['user_id', 'export_date', 'user_type', 'full_name', 'email', 'phone', 'home_city', 'signup_at'],
        rules=[
            {'reason': 'unknown_user_type', 'broken_when': "coalesce(user_type not in ('rider', 'driver'), true)"},
            {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
        ],
    ) }}
{%- endmacro %}

{% macro rideshare__classified_vehicles(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(vehicle_id) as vehicle_id,
            trim(driver_id) as driver_id,
            -- strings
            {{ free_text('make') }} as make,
            {{ free_text('model') }} as model,
            lower(trim(vehicle_class)) as vehicle_class,
            -- numerics
            cast(model_year as integer) as model_year,
            cast(seat_capacity as integer) as seat_capacity,
            -- timestamps
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['vehicle_id'],
        columns=['vehicle_id', 'driver_id', 'make', 'model', 'model_year', 'seat_capacity', 'vehicle_class'],
        rules=[
            {'reason': 'no_seats', 'broken_when': 'coalesce(seat_capacity < 1, true)'},
        ],
    ) }}
{%- endmacro %}

{% macro rideshare__classified_locations(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(location_id) as location_id,
            -- strings
            {{ free_text('zone_name') }} as zone_name,
            {{ free_text('city') }} as city,
            -- numerics
            cast(latitude as {{ type_double() }}) as latitude,
            cast(longitude as {{ type_double() }}) as longitude,
            -- timestamps
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['location_id'],
        columns=['location_id', 'zone_name', 'city', 'latitude', 'longitude'],
        rules=[
            {'reason': 'missing_city', 'broken_when': 'city is null'},
            {'reason': 'coordinates_off_the_globe',
             'broken_when': 'coalesce(latitude not between -90 and 90 or longitude not between -180 and 180, true)'},
        ],
    ) }}
{%- endmacro %}

{#-
    rideshare__segments_checked(segments, rides): the current segments, each with `_ride_rule`:
    'unknown_ride' when its ride is not current (not landed yet, or quarantined), or
    'segment_outside_ride' when it starts before its ride or ends after it; null when it fits.
    A segment that breaks either waits in rideshare_quarantine and stays out of the marts until
    a ride that holds it lands. `segments` and `rides` are current rows (classified or staged).
-#}
{% macro rideshare__segments_checked(segments, rides) -%}
select
    segments.*,
    case
        when rides.ride_id is null then 'unknown_ride'
        when segments.pickup_timestamp < rides.start_timestamp
            or segments.dropoff_timestamp > rides.end_timestamp then 'segment_outside_ride'
    end as _ride_rule
from {{ segments }} as segments
left join {{ rides }} as rides
    on segments.ride_id = rides.ride_id
{%- endmacro %}
