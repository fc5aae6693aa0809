-- One row per passenger segment of a ride that holds it (int_rideshare__ride_segments). Pickup and
-- drop-off sequences are derived from the timestamps (ties by segment id), so they can never
-- disagree with them; the rider's key is the version of dim_users in effect at the pickup.
with

segments as (
    select * from {{ ref('int_rideshare__ride_segments') }}
),

users as (
    select * from {{ ref('int_rideshare__users_history') }}
),

locations as (
    select * from {{ ref('dim_location') }}
),

sequenced as (
    select
        *,
        row_number() over (
            partition by ride_id order by pickup_timestamp, segment_id
        ) as pickup_sequence_in_ride,
        -- a cancelled segment has no drop-off: it comes last
        row_number() over (
            partition by ride_id order by case when dropoff_timestamp is null then 1 else 0 end, dropoff_timestamp,
            segment_id
        ) as dropoff_sequence_in_ride
    from segments
),

final as (
    select
        cast(sequenced.segment_id as {{ dbt.type_string() }}) as ride_segment_id,
        cast(sequenced.ride_id as {{ dbt.type_string() }}) as ride_id,
        cast(users.user_key as {{ dbt.type_string() }}) as rider_user_key,
        cast(sequenced.rider_id as {{ dbt.type_string() }}) as rider_user_id,
        cast(sequenced.pickup_timestamp as timestamp) as segment_pickup_timestamp,
        cast(sequenced.dropoff_timestamp as timestamp) as segment_dropoff_timestamp,
        cast(pickup_zone.location_key as {{ dbt.type_string() }}) as segment_pickup_location_key,
        cast(sequenced.pickup_location_id as {{ dbt.type_string() }}) as segment_pickup_location_id,
        cast(dropoff_zone.location_key as {{ dbt.type_string() }}) as segment_dropoff_location_key,
        cast(sequenced.dropoff_location_id as {{ dbt.type_string() }}) as segment_dropoff_location_id,
        cast(sequenced.segment_fare as decimal(10, 2)) as segment_fare,
        cast(sequenced.segment_distance_km as decimal(8, 2)) as segment_distance,
        cast(sequenced.segment_status as {{ dbt.type_string() }}) as segment_status,
        cast(sequenced.pickup_sequence_in_ride as integer) as pickup_sequence_in_ride,
        cast(sequenced.dropoff_sequence_in_ride as integer) as dropoff_sequence_in_ride,
        cast(
            {{ dbt.datediff('sequenced.pickup_timestamp', 'sequenced.dropoff_timestamp', 'second') }} as integer
        ) as segment_duration_seconds,
        cast(
            case
                when sequenced.pickup_location_id != sequenced.dropoff_location_id
                    then cast(sequenced.segment_distance_km as {{ type_double() }}) / nullif({{ haversine_km(
                        'pickup_zone.latitude', 'pickup_zone.longitude',
                        'dropoff_zone.latitude', 'dropoff_zone.longitude') }}, 0)
            end as {{ type_double() }}
        ) as detour_ratio
    from sequenced
    left join users
        on
            sequenced.rider_id = users.user_id
            and {{ in_effect_at('users', 'sequenced.pickup_timestamp') }}
    left join locations as pickup_zone
        on sequenced.pickup_location_id = pickup_zone.location_id
    left join locations as dropoff_zone
        on sequenced.dropoff_location_id = dropoff_zone.location_id
)

select * from final
