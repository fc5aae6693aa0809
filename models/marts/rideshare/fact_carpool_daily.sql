-- The carpool metrics of seed 003, one row per day x city x ride type with at least one ride or
-- request. A ride counts on the date of its start, in the city of its start zone; a request on the
-- date it was made, in the city of its pickup zone, under the type asked for. A zone the warehouse
-- does not know counts under the city '(unknown zone)' rather than being dropped. Rates are
-- unrounded fractions from 0 to 1 (fill rate and detour ratio are ratios, not rates).
with

rides as (
    select * from {{ ref('fact_rides') }}
),

segments as (
    select * from {{ ref('fact_ride_segments') }}
),

requests as (
    select * from {{ ref('stg_rideshare__ride_requests') }}
),

locations as (
    select * from {{ ref('dim_location') }}
),

rides_placed as (
    select
        rides.*,
        cast(rides.start_timestamp as date) as activity_date,
        coalesce(locations.city, '(unknown zone)') as city
    from rides
    left join locations
        on rides.start_location_key = locations.location_key
),

completed_segments as (
    select * from segments
    where segment_status = 'completed'
),

ride_fill as (
    -- a completed carpool ride's time-weighted fill: passenger-seconds over the span from its first
    -- pickup to its last drop-off
    select
        completed_segments.ride_id,
        cast(sum(completed_segments.segment_duration_seconds) as {{ type_double() }})
        / nullif({{ dbt.datediff('min(completed_segments.segment_pickup_timestamp)',
                                 'max(completed_segments.segment_dropoff_timestamp)', 'second') }}, 0)
            as fill_rate
    from completed_segments
    inner join rides_placed
        on completed_segments.ride_id = rides_placed.ride_id
    where rides_placed.ride_status = 'completed' and rides_placed.is_carpool
    group by completed_segments.ride_id
),

ride_detour as (
    select
        ride_id,
        {{ stable_sum('detour_ratio') }} as detour_ratio_sum,
        count(detour_ratio) as detour_ratio_count
    from completed_segments
    group by ride_id
),

ride_days as (
    select
        rides_placed.activity_date,
        rides_placed.city,
        rides_placed.ride_type,
        count(*) as rides,
        sum(case when rides_placed.ride_status = 'completed' then 1 else 0 end) as completed_rides,
        sum(case when rides_placed.ride_status = 'cancelled' then 1 else 0 end) as cancelled_rides,
        {{ stable_avg('ride_fill.fill_rate') }} as avg_fill_rate,
        cast(sum(ride_detour.detour_ratio_sum) as {{ type_double() }})
        / nullif(sum(ride_detour.detour_ratio_count), 0) as avg_detour_ratio,
        sum(case when rides_placed.ride_status = 'completed' then rides_placed.total_fare end) as completed_fare,
        sum(case when rides_placed.ride_status = 'completed' then rides_placed.total_duration end)
            as completed_seconds
    from rides_placed
    left join ride_fill
        on rides_placed.ride_id = ride_fill.ride_id
    left join ride_detour
        on rides_placed.ride_id = ride_detour.ride_id
    group by rides_placed.activity_date, rides_placed.city, rides_placed.ride_type
),

city_days as (
    select
        activity_date,
        city,
        sum(rides) as all_rides,
        sum(case when ride_type = 'carpool' then rides else 0 end) as carpool_rides
    from ride_days
    group by activity_date, city
),

request_days as (
    select
        cast(requests.requested_at as date) as activity_date,
        coalesce(locations.city, '(unknown zone)') as city,
        requests.ride_type_requested as ride_type,
        count(*) as requests,
        sum(case when requests.request_status = 'matched' then 1 else 0 end) as matched_requests
    from requests
    left join locations
        on requests.pickup_location_id = locations.location_id
    group by
        cast(requests.requested_at as date), coalesce(locations.city, '(unknown zone)'),
        requests.ride_type_requested
),

spine as (
    select
        activity_date,
        city,
        ride_type
    from ride_days
    union
    select
        activity_date,
        city,
        ride_type
    from request_days
),

final as (
    select
        cast(spine.activity_date as date) as activity_date,
        cast(spine.city as {{ dbt.type_string() }}) as city,
        cast(spine.ride_type as {{ dbt.type_string() }}) as ride_type,
        cast(coalesce(ride_days.rides, 0) as integer) as rides,
        cast(coalesce(ride_days.completed_rides, 0) as integer) as completed_rides,
        cast(
            cast(city_days.carpool_rides as {{ type_double() }}) / nullif(city_days.all_rides, 0)
            as {{ type_double() }}
        ) as carpool_penetration,
        cast(coalesce(request_days.requests, 0) as integer) as requests,
        cast(coalesce(request_days.matched_requests, 0) as integer) as matched_requests,
        cast(
            cast(request_days.matched_requests as {{ type_double() }}) / nullif(request_days.requests, 0)
            as {{ type_double() }}
        ) as request_success_rate,
        cast(ride_days.avg_fill_rate as {{ type_double() }}) as avg_fill_rate,
        cast(ride_days.avg_detour_ratio as {{ type_double() }}) as avg_detour_ratio,
        cast(
            -- in doubles throughout: bigint / 3600.0 is a rounded decimal on Spark
            cast(ride_days.completed_fare as {{ type_double() }})
            / nullif(cast(ride_days.completed_seconds as {{ type_double() }}) / 3600, 0)
            as {{ type_double() }}
        ) as driver_earnings_per_hour,
        cast(
            cast(ride_days.cancelled_rides as {{ type_double() }}) / nullif(ride_days.rides, 0)
            as {{ type_double() }}
        ) as cancellation_rate
    from spine
    left join ride_days
        on
            spine.activity_date = ride_days.activity_date
            and spine.city = ride_days.city
            and spine.ride_type = ride_days.ride_type
    left join city_days
        on
            spine.activity_date = city_days.activity_date
            and spine.city = city_days.city
    left join request_days
        on
            spine.activity_date = request_days.activity_date
            and spine.city = request_days.city
            and spine.ride_type = request_days.ride_type
)

select * from final
