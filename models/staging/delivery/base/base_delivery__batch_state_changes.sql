{{ config(materialized='ephemeral', meta={'record_key': ['state_change_id']}) }}
-- Every row of raw.raw_batch_state_changes, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__batch_state_changes and delivery_quarantine rank what it judged.
with

renamed as (
    select
        -- ids
        cast(state_change_id as bigint) as state_change_id,
        cast(batch_id as bigint) as batch_id,
        cast(affected_delivery_id as bigint) as affected_delivery_id,
        -- strings
        lower(trim(previous_state)) as previous_state,
        lower(trim(new_state)) as new_state,
        lower({{ free_text('change_trigger') }}) as change_trigger,
        -- timestamps
        cast(changed_at as timestamp) as changed_at,
        cast(_loaded_at as timestamp) as _loaded_at
    from {{ source('delivery', 'raw_batch_state_changes') }}
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_batch_id', 'broken_when': 'batch_id is null'},
        {'reason': 'missing_changed_at', 'broken_when': 'changed_at is null'},
        {'reason': 'change_after_load', 'broken_when': 'changed_at > _loaded_at'},
        {'reason': 'unknown_state',
         'broken_when': 'coalesce(new_state not in (' ~ quoted_list(delivery__batch_states()) ~ '), true)'
             ~ ' or previous_state not in (' ~ quoted_list(delivery__batch_states()) ~ ')'},
    ]) }}
)

select * from judged
