-- One row per customer: the newest good row of each customer_id. Personal data (name, email)
-- stops here: the marts get only a salted hash or a masked form.
with

classified as (
    {{ rank_raw_rows(ref('base_delivery__customers')) }}
),

final as (
    select
        customer_id,
        full_name,
        email,
        city,
        signup_at,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
