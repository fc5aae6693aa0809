-- One row per restaurant per export: the newest good row of each (restaurant_id, export_date).
with

classified as (
    {{ rank_raw_rows(ref('base_delivery__restaurants')) }}
),

final as (
    select
        restaurant_id,
        restaurant_external_id,
        restaurant_name,
        cuisine_type,
        restaurant_lat,
        restaurant_lng,
        avg_prep_time_minutes,
        can_handle_batch_pickups,
        is_partner_restaurant,
        export_date,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
