-- One row per device: its newest attributes.
with

devices as (
    select * from {{ ref('stg_streaming__devices') }}
),

final as (
    select
        cast({{ surrogate_key(['device_id']) }} as {{ dbt.type_string() }}) as device_key,
        cast(device_id as {{ dbt.type_string() }}) as device_id,
        cast(device_type as {{ dbt.type_string() }}) as device_type,
        cast(os as {{ dbt.type_string() }}) as os,
        cast(app_version as {{ dbt.type_string() }}) as app_version,
        cast(_loaded_at as timestamp) as _loaded_at
    from devices
)

select * from final
