-- Restaurants, one row per version (SCD2 from the daily exports: int_delivery__restaurants_history);
-- a version opens at the export date where the prep time or any other attribute changed.
with

history as (
    select * from {{ ref('int_delivery__restaurants_history') }}
),

final as (
    select
        cast(restaurant_key as {{ dbt.type_string() }}) as restaurant_key,
        cast(restaurant_id as bigint) as restaurant_id,
        cast(restaurant_external_id as {{ dbt.type_string() }}) as restaurant_external_id,
        cast(restaurant_name as {{ dbt.type_string() }}) as restaurant_name,
        cast(cuisine_type as {{ dbt.type_string() }}) as cuisine_type,
        cast(restaurant_lat as {{ type_double() }}) as restaurant_lat,
        cast(restaurant_lng as {{ type_double() }}) as restaurant_lng,
        cast(avg_prep_time_minutes as integer) as avg_prep_time_minutes,
        cast(can_handle_batch_pickups as boolean) as can_handle_batch_pickups,
        cast(is_partner_restaurant as boolean) as is_partner_restaurant,
        cast(valid_from as timestamp) as valid_from,
        cast(valid_to as timestamp) as valid_to,
        cast(valid_to is null as boolean) as is_current
    from history
)

select * from final
