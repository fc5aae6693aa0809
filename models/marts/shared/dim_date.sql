-- One row per calendar day; date_key = yyyymmdd. Covers var('dim_date_start') .. var('dim_date_end').
with

calendar as (
    select * from {{ ref('int_calendar_days') }}
),

final as (
    select
        {{ date_key('date_day') }} as date_key,
        cast(date_day as date) as date_day,
        cast(extract(year from date_day) as integer) as year_number,
        cast(extract(quarter from date_day) as integer) as quarter_number,
        cast(extract(month from date_day) as integer) as month_number,
        cast({{ date_attribute('month_name', 'date_day') }} as {{ dbt.type_string() }}) as month_name,
        cast(extract(day from date_day) as integer) as day_of_month,
        {{ date_attribute('iso_day_of_week', 'date_day') }} as iso_day_of_week,
        cast({{ date_attribute('day_name', 'date_day') }} as {{ dbt.type_string() }}) as day_name,
        {{ date_attribute('iso_week', 'date_day') }} as iso_week_number,
        cast({{ date_attribute('iso_day_of_week', 'date_day') }} >= 6 as boolean) as is_weekend,
        cast({{ dbt.date_trunc('week', 'date_day') }} as date) as week_start_date,
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start_date
    from calendar
)

select * from final
