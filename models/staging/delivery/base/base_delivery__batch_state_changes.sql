{{ config(materialized='ephemeral', meta={'record_key': ['state_change_id']}) }}
-- Every row of raw.raw_batch_state_changes, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_delivery__batch_state_changes and delivery_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('delivery', 'raw_batch_state_changes') }}
),

renamed as (
    select
        -- ids
        state_change_id,
        batch_id,
        affected_delivery_id,
        -- strings
        lower(trim(previous_state)) as previous_state,
        lower(trim(new_state)) as new_state,
        lower({{ free_text('change_trigger') }}) as change_trigger,
        -- timestamps
        changed_at,
        _loaded_at
    from typed
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
