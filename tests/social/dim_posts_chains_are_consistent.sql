-- Rule: in a healthy or orphaned chain every share continues its parent's chain: same root,
-- one level deeper, and its path is the parent's path plus its own id.
with

posts as (
    select * from {{ ref('dim_posts') }}
)

select
    child.post_id,
    child.original_post_id,
    child.share_depth_level,
    child.share_path,
    parent.original_post_id as parent_original_post_id,
    parent.share_depth_level as parent_share_depth_level,
    parent.share_path as parent_share_path
from posts as child
inner join posts as parent
    on child.parent_post_id = parent.post_id
where
    child.chain_status != 'cycle'
    and (
        child.chain_status != parent.chain_status
        or child.original_post_id != parent.original_post_id
        or child.share_depth_level != parent.share_depth_level + 1
        or child.share_path != parent.share_path || '/' || child.post_id
    )
