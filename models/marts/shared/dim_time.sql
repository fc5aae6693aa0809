-- One row per minute of the day: time_key 0..1439 (= hour * 60 + minute).
with

numbers as (
    {{ dbt.generate_series(1440) }}
),

keys as (
    select cast(generated_number as integer) - 1 as time_key
    from numbers
),

minutes as (
    select
        time_key,
        cast(floor(time_key / 60) as integer) as hour_of_day,
        cast(time_key % 60 as integer) as minute_of_hour
    from keys
),

final as (
    select
        cast(time_key as integer) as time_key,
        cast(hour_of_day as integer) as hour_of_day,
        cast(minute_of_hour as integer) as minute_of_hour,
        cast(
            lpad(cast(hour_of_day as {{ dbt.type_string() }}), 2, '0')
            || ':'
            || lpad(cast(minute_of_hour as {{ dbt.type_string() }}), 2, '0')
            as {{ dbt.type_string() }}
        ) as time_label,
        cast(
            case
                when time_key < 360 then 'night'
                when time_key < 720 then 'morning'
                when time_key < 1080 then 'afternoon'
                else 'evening'
            end as {{ dbt.type_string() }}
        ) as period_of_day
    from minutes
)

select * from final
