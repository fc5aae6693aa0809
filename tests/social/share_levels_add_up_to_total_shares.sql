-- Rule: the shares per level of an original add up to its total shares, and its deepest level
-- is its max share depth.
with

levels as (
    select
        original_post_id,
        sum(shares) as level_shares,
        max(share_depth_level) as deepest
    from {{ ref('fact_share_levels') }}
    group by original_post_id
)

select
    virality.original_post_id,
    virality.total_shares,
    levels.level_shares,
    virality.max_share_depth,
    levels.deepest
from {{ ref('fact_post_virality') }} as virality
left join levels
    on virality.original_post_id = levels.original_post_id
where
    virality.total_shares != coalesce(levels.level_shares, 0)
    or virality.max_share_depth != coalesce(levels.deepest, 0)
