-- One row per user per export: the newest good row of each (user_id, export_date). Personal data
-- (name, email, phone) stops here: the marts get only a salted hash or a masked form.
with

classified as (
    {{ rank_raw_rows(ref('base_rideshare__users')) }}
),

final as (
    select
        user_id,
        user_type,
        full_name,
        email,
        phone,
        home_city,
        signup_at,
        export_date,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
