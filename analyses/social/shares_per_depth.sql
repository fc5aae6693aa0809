-- Seed 003: how a post travelled: shares at each depth below an original.
-- var('original_post_id') picks the post; by default the original shared the most.

select
    share_depth_level,
    count(*) as shares_at_level
from {{ ref('dim_posts') }}
where not is_original and original_post_id = {{ original_post_for_analysis() }}
group by share_depth_level
order by share_depth_level
