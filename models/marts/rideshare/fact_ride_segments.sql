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
            partition by
                ride_id order by case when dropoff_timestamp is null then 1 else 0 end, dropoff_timestamp,
            segment_id
        ) as dropoff_sequence_in_ride
    from segments
),

zoned as (
    select
        sequenced.*,
        users.user_key as rider_user_key,
        pickup_zone.location_key as pickup_location_key,
        dropoff_zone.location_key as dropoff_location_key,
        {{ dbt.datediff('sequenced.pickup_timestamp', 'sequenced.dropoff_timestamp', 'second') }}
            as duration_seconds,
        {{ haversine_km('pickup_zone.latitude', 'pickup_zone.longitude', 'dropoff_zone.latitude',
                        'dropoff_zone.longitude') }} as straight_km
    from sequenced
    left join users
        on
            sequenced.rider_id = users.user_id
            and {{ in_effect_at('users', 'sequenced.pickup_timestamp') }}
    left join locations as pickup_zone
        on sequenced.pickup_location_id = pickup_zone.location_id
    left join locations as dropoff_zone
        on sequenced.dropoff_location_id = dropoff_zone.location_id
),

final as (
    select
        cast(segment_id as {{ dbt.type_string() }}) as ride_segment_id,
        cast(ride_id as {{ dbt.type_string() }}) as ride_id,
        cast(rider_user_key as {{ dbt.type_string() }}) as rider_user_key,
        cast(rider_id as {{ dbt.type_string() }}) as rider_user_id,
        cast(pickup_timestamp as timestamp) as segment_pickup_timestamp,
        cast(dropoff_timestamp as timestamp) as segment_dropoff_timestamp,
        cast(pickup_location_key as {{ dbt.type_string() }}) as segment_pickup_location_key,
        cast(pickup_location_id as {{ dbt.type_string() }}) as segment_pickup_location_id,
        cast(dropoff_location_key as {{ dbt.type_string() }}) as segment_dropoff_location_key,
        cast(dropoff_location_id as {{ dbt.type_string() }}) as segment_dropoff_location_id,
        cast(segment_fare as decimal(10, 2)) as segment_fare,
        cast(segment_distance_km as decimal(8, 2)) as segment_distance,
        cast(segment_status as {{ dbt.type_string() }}) as segment_status,
        cast(pickup_sequence_in_ride as integer) as pickup_sequence_in_ride,
        cast(dropoff_sequence_in_ride as integer) as dropoff_sequence_in_ride,
        cast(duration_seconds as integer) as segment_duration_seconds,
        -- no detour inside one zone, nor to or from a zone without coordinates
        cast(
            case
                when pickup_location_id != dropoff_location_id
                    then cast(segment_distance_km as {{ type_double() }}) / nullif(straight_km, 0)
            end as {{ type_double() }}
        ) as detour_ratio
    from zoned
)

select * from final
