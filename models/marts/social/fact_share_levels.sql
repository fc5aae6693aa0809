-- One row per original post and share depth (>= 1) that has shares: how many shares sit at
-- each level of the chain. Shares created by internal users are not counted (their chain still
-- carries the real users' shares below them).
with

posts as (
    select * from {{ ref('dim_posts') }}
),

users as (
    select * from {{ ref('social__dim_users') }}
),

final as (
    select
        cast(posts.original_post_id as varchar) as original_post_id,
        cast(posts.share_depth_level as integer) as share_depth_level,
        -- `shares` is the spec's column name, though a keyword to sqlfluff
        cast(count(*) as integer) as shares  -- noqa: RF04
    from posts
    left join users
        on posts.creator_user_id = users.user_id
    where
        posts.chain_status = 'ok'
        and posts.share_depth_level >= 1
        and not coalesce(users.is_internal, false)
    group by posts.original_post_id, posts.share_depth_level
)

select * from final
