{{ config(materialized='ephemeral', meta={'record_key': ['device_id']}) }}
-- Every row of raw.raw_devices, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_streaming__devices and streaming_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('streaming', 'raw_devices') }}
),

renamed as (
    select
        -- ids
        trim(device_id) as device_id,
        -- strings
        lower(trim(device_type)) as device_type,
        lower({{ free_text('os') }}) as os,
        {{ free_text('app_version') }} as app_version,
        -- timestamps
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'unknown_device_type',
         'broken_when': "coalesce(device_type not in ('tv', 'mobile', 'tablet', 'web', 'console'), true)"},
    ]) }}
)

select * from judged
