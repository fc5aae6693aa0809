-- One row per engagement type, from the reference list (seeds/reference/engagement_types.csv).
with

types as (
    select * from {{ ref('engagement_types') }}
),

final as (
    select
        cast({{ surrogate_key(['engagement_type_name']) }} as {{ dbt.type_string() }}) as engagement_type_key,
        cast(engagement_type_name as {{ dbt.type_string() }}) as engagement_type_name,
        cast(description as {{ dbt.type_string() }}) as description,
        cast(is_active as boolean) as is_active
    from types
)

select * from final
