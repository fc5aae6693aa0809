-- The three ride types; only a carpool is shared between riders who travel apart.
with

ride_types as (
    select
        1 as ride_type_key,
        'regular' as ride_type_name,
        false as is_shared
    union all
    select
        2 as ride_type_key,
        'carpool' as ride_type_name,
        true as is_shared
    union all
    select
        3 as ride_type_key,
        'xl' as ride_type_name,
        false as is_shared
),

final as (
    select
        cast(ride_type_key as integer) as ride_type_key,
        cast(ride_type_name as {{ dbt.type_string() }}) as ride_type_name,
        cast(is_shared as boolean) as is_shared
    from ride_types
)

select * from final
