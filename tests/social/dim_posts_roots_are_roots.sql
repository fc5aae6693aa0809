-- Rule: a chain's root is its own original at depth 0; it is an original (ok) or its parent is
-- missing from the warehouse (orphaned), and a post in or below a cycle has no root.
with

posts as (
    select * from {{ ref('dim_posts') }}
)

select root.*
from posts as root
left join posts as parent
    on root.parent_post_id = parent.post_id
where
    root.share_depth_level = 0
    and (
        root.original_post_id != root.post_id
        or (root.chain_status = 'ok' and root.parent_post_id is not null)
        or (root.chain_status = 'orphaned' and (root.parent_post_id is null or parent.post_id is not null))
    )
