-- Rule: a batch's state changes, in the order they happened, follow
-- created -> assigned -> in_progress -> completed | cancelled (cancelled from any open state):
-- each change starts from the state the one before it reached (none for the first, which creates
-- the batch), and moves along an allowed step. One row per change that breaks it.
with

changes as (
    select
        *,
        lag(new_state) over (partition by batch_id order by change_sequence_in_batch) as state_before
    from {{ ref('fact_batch_state_changes') }}
)

select *
from changes
where
    coalesce(previous_state, '<none>') != coalesce(state_before, '<none>')
    or not (
        (previous_state is null and new_state = 'created')
        or (previous_state = 'created' and new_state in ('assigned', 'cancelled'))
        or (previous_state = 'assigned' and new_state in ('in_progress', 'cancelled'))
        or (previous_state = 'in_progress' and new_state in ('completed', 'cancelled'))
    )
