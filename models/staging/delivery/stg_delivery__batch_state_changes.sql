-- One row per batch state change: the newest good row of each state_change_id.
with

classified as (
    {{ rank_raw_rows(ref('base_delivery__batch_state_changes')) }}
),

final as (
    select
        state_change_id,
        batch_id,
        changed_at,
        previous_state,
        new_state,
        change_trigger,
        affected_delivery_id,
        _loaded_at
    from classified
    where _row_status = 'current'
)

select * from final
