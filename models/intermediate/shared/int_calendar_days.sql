-- Every calendar day from var('dim_date_start') to var('dim_date_end'), both included:
-- the one date spine that shared.dim_date and every per-day model build on.
with

spine as (
    {{ dbt.date_spine(
        datepart='day',
        start_date="cast('" ~ var('dim_date_start') ~ "' as date)",
        end_date=dbt.dateadd('day', 1, "cast('" ~ var('dim_date_end') ~ "' as date)"),
    ) }}
),

final as (
    select cast(date_day as date) as date_day
    from spine
)

select * from final
