-- One row per state a batch passed through, numbered in the order they happened.
with

state_changes as (
    select * from {{ ref('stg_delivery__batch_state_changes') }}
),

final as (
    select
        cast(state_change_id as bigint) as state_change_id,
        cast(batch_id as bigint) as batch_id,
        cast(changed_at as timestamp) as changed_at,
        cast(previous_state as {{ dbt.type_string() }}) as previous_state,
        cast(new_state as {{ dbt.type_string() }}) as new_state,
        cast(change_trigger as {{ dbt.type_string() }}) as change_trigger,
        cast(affected_delivery_id as bigint) as affected_delivery_id,
        cast(row_number() over (partition by batch_id order by changed_at, state_change_id) as integer)
            as change_sequence_in_batch
    from state_changes
)

select * from final
