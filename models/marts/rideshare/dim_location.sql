-- One row per pickup / drop-off zone, with its city and coordinates.
with

locations as (
    select * from {{ ref('stg_rideshare__locations') }}
),

final as (
    select
        cast({{ surrogate_key(['location_id']) }} as {{ dbt.type_string() }}) as location_key,
        cast(location_id as {{ dbt.type_string() }}) as location_id,
        cast(zone_name as {{ dbt.type_string() }}) as zone_name,
        cast(city as {{ dbt.type_string() }}) as city,
        cast(latitude as {{ type_double() }}) as latitude,
        cast(longitude as {{ type_double() }}) as longitude
    from locations
)

select * from final
