-- Seed 003: the share path of a post, from its original down to it, with the original's
-- poster and post time. var('post_id') picks the post; by default the deepest share.
{%- set deepest = "(select post_id from " ~ ref('dim_posts')
    ~ " where share_depth_level is not null order by share_depth_level desc, post_id asc limit 1)" %}
{%- set target_post = "'" ~ var('post_id') ~ "'" if var('post_id', none) else deepest %}

select
    post.post_id,
    post.share_path,
    post.share_depth_level,
    original.post_id as original_post_id,
    original.creator_user_id as original_creator_user_id,
    original.created_timestamp as original_created_timestamp
from {{ ref('dim_posts') }} as post
left join {{ ref('dim_posts') }} as original
    on post.original_post_id = original.post_id
where post.post_id = {{ target_post }}
