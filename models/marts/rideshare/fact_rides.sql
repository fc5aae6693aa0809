-- One row per ride, with its driver's version of dim_users in effect at the start, its keys, its
-- duration and what its segments say: completed passengers, and whether their fares add up to the
-- ride's fare.
with

rides as (
    select * from {{ ref('stg_rideshare__rides') }}
),

segments as (
    select * from {{ ref('fact_ride_segments') }}
),

users as (
    select * from {{ ref('int_rideshare__users_history') }}
),

locations as (
    select * from {{ ref('dim_location') }}
),

vehicles as (
    select * from {{ ref('dim_vehicle') }}
),

ride_types as (
    select * from {{ ref('dim_ride_type') }}
),

passengers as (
    select
        ride_id,
        sum(case when segment_status = 'completed' then 1 else 0 end) as passenger_count,
        sum(case when segment_status = 'completed' then segment_fare else 0 end) as completed_segment_fare
    from segments
    group by ride_id
),

final as (
    select
        cast(rides.ride_id as {{ dbt.type_string() }}) as ride_id,
        cast(users.user_key as {{ dbt.type_string() }}) as driver_user_key,
        cast(rides.driver_id as {{ dbt.type_string() }}) as driver_user_id,
        cast(ride_types.ride_type_key as integer) as ride_type_key,
        cast(rides.ride_type as {{ dbt.type_string() }}) as ride_type,
        cast(vehicles.vehicle_key as {{ dbt.type_string() }}) as vehicle_key,
        cast(rides.vehicle_id as {{ dbt.type_string() }}) as vehicle_id,
        cast(start_zone.location_key as {{ dbt.type_string() }}) as start_location_key,
        cast(rides.start_location_id as {{ dbt.type_string() }}) as start_location_id,
        cast(end_zone.location_key as {{ dbt.type_string() }}) as end_location_key,
        cast(rides.end_location_id as {{ dbt.type_string() }}) as end_location_id,
        cast(rides.start_timestamp as timestamp) as start_timestamp,
        cast(rides.end_timestamp as timestamp) as end_timestamp,
        cast(rides.total_fare as decimal(10, 2)) as total_fare,
        cast(rides.total_distance_km as decimal(8, 2)) as total_distance,
        cast(
            {{ dbt.datediff('rides.start_timestamp', 'rides.end_timestamp', 'second') }}
            as integer
        ) as total_duration,
        {{ date_key('rides.start_timestamp') }} as date_key,
        {{ time_key('rides.start_timestamp') }} as time_key,
        cast(rides.ride_status as {{ dbt.type_string() }}) as ride_status,
        cast(coalesce(passengers.passenger_count, 0) as integer) as passenger_count,
        cast(rides.ride_type = 'carpool' as boolean) as is_carpool,
        cast(coalesce(passengers.completed_segment_fare, 0) = rides.total_fare as boolean) as fare_matches_segments
    from rides
    left join passengers
        on rides.ride_id = passengers.ride_id
    left join users
        on
            rides.driver_id = users.user_id
            and {{ in_effect_at('users', 'rides.start_timestamp') }}
    left join ride_types
        on rides.ride_type = ride_types.ride_type_name
    left join vehicles
        on rides.vehicle_id = vehicles.vehicle_id
    left join locations as start_zone
        on rides.start_location_id = start_zone.location_id
    left join locations as end_zone
        on rides.end_location_id = end_zone.location_id
)

select * from final
