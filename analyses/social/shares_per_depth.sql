-- Seed 003: how a post travelled: shares at each depth below an original.
-- var('original_post_id') picks the post; by default the original shared the most.
{%- set most_shared = "(select original_post_id from " ~ ref('fact_post_virality')
    ~ " order by total_shares desc, original_post_id asc limit 1)" %}
{%- set target_post = "'" ~ var('original_post_id') ~ "'" if var('original_post_id', none) else most_shared %}

select
    share_depth_level,
    count(*) as shares_at_level
from {{ ref('dim_posts') }}
where not is_original and original_post_id = {{ target_post }}
group by share_depth_level
order by share_depth_level
