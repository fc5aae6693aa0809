-- The shares that count in the virality metrics: in a healthy chain (every ancestor present)
-- and created by a real user. Internal accounts' shares still carry the chain for the real
-- users below them (they stay in dim_posts); they are just not counted.
with

posts as (
    select * from {{ ref('dim_posts') }}
),

users as (
    select * from {{ ref('social__dim_users') }}
),

final as (
    select
        posts.post_id,
        posts.original_post_id,
        posts.share_depth_level,
        posts.creator_user_id
    from posts
    left join users
        on posts.creator_user_id = users.user_id
    where
        not posts.is_original
        and posts.chain_status = 'ok'
        and not coalesce(users.is_internal, false)
)

select * from final
