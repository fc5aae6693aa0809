-- One row per vehicle, with its owner and its seats.
with

vehicles as (
    select * from {{ ref('stg_rideshare__vehicles') }}
),

final as (
    select
        cast({{ surrogate_key(['vehicle_id']) }} as {{ dbt.type_string() }}) as vehicle_key,
        cast(vehicle_id as {{ dbt.type_string() }}) as vehicle_id,
        cast(driver_id as {{ dbt.type_string() }}) as driver_id,
        cast(make as {{ dbt.type_string() }}) as vehicle_make,
        cast(model as {{ dbt.type_string() }}) as vehicle_model,
        cast(model_year as integer) as model_year,
        cast(seat_capacity as integer) as seat_capacity,
        cast(vehicle_class as {{ dbt.type_string() }}) as vehicle_class
    from vehicles
)

select * from final
