-- One row per minute of the day: time_key 0..1439 (= hour * 60 + minute).
with

numbers as (
    {{ dbt.generate_series(1440) }}
),

minutes as (
    select cast(generated_number - 1 as integer) as time_key
    from numbers
),

final as (
    select
        cast(time_key as integer) as time_key,
        cast(time_key // 60 as integer) as hour_of_day,
        cast(time_key % 60 as integer) as minute_of_hour,
        cast(
            lpad(cast(time_key // 60 as varchar), 2, '0') || ':' || lpad(cast(time_key % 60 as varchar), 2, '0')
            as varchar
        ) as time_label,
        cast(
            case
                when time_key < 360 then 'night'
                when time_key < 720 then 'morning'
                when time_key < 1080 then 'afternoon'
                else 'evening'
            end as varchar
        ) as period_of_day
    from minutes
)

select * from final
