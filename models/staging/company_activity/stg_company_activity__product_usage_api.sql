-- One row per company per day: the newest good API pull of each (company_id, usage_date).
-- Cleaning and rules: macros/staging/company_activity/company_activity__classified.sql.
with

classified as (
    {{ company_activity__classified_product_usage_api(source('company_activity', 'raw_product_usage_api')) }}
),

final as (
    select
        company_id,
        usage_date,
        active_users,
        events,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
