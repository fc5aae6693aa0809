/*
    One row per original post: how far it travelled and how engagement on its shares compares
    with engagement on the original. Internal users count nowhere: not their events, not the
    shares they create (their shares still carry the chain for the real users below them).
    Deleted posts still count (the share and its engagement happened).
*/
with

posts as (
    select * from {{ ref('dim_posts') }}
),

events as (
    select * from {{ ref('fact_engagement_events') }}
    where not is_internal_user
),

counted_shares as (
    select * from {{ ref('int_social__shares_counted') }}
),

originals as (
    select * from posts
    where is_original
),

share_totals as (
    select
        original_post_id,
        count(*) as total_shares,
        max(share_depth_level) as max_share_depth,
        count(distinct creator_user_id) as unique_sharers
    from counted_shares
    group by original_post_id
),

engagement as (
    select
        posts.original_post_id,
        sum(case when posts.is_original and events.engagement_type != 'view' then 1 else 0 end)
            as direct_engagements,
        sum(case when posts.is_original and events.engagement_type = 'view' then 1 else 0 end)
            as direct_views,
        sum(case when not posts.is_original and events.engagement_type != 'view' then 1 else 0 end)
            as indirect_engagements,
        sum(case when not posts.is_original and events.engagement_type = 'view' then 1 else 0 end)
            as indirect_views
    from events
    inner join posts
        on events.post_id = posts.post_id
    where posts.chain_status = 'ok'
    group by posts.original_post_id
),

final as (
    select
        cast(originals.post_id as {{ dbt.type_string() }}) as original_post_id,
        cast(originals.creator_user_id as {{ dbt.type_string() }}) as creator_user_id,
        cast(originals.created_timestamp as timestamp) as created_timestamp,
        cast(coalesce(share_totals.total_shares, 0) as integer) as total_shares,
        cast(coalesce(share_totals.max_share_depth, 0) as integer) as max_share_depth,
        cast(coalesce(share_totals.unique_sharers, 0) as integer) as unique_sharers,
        cast(coalesce(engagement.direct_engagements, 0) as integer) as direct_engagements,
        cast(coalesce(engagement.direct_views, 0) as integer) as direct_views,
        cast(coalesce(engagement.indirect_engagements, 0) as integer) as indirect_engagements,
        cast(coalesce(engagement.indirect_views, 0) as integer) as indirect_views,
        cast(
            case
                when coalesce(engagement.direct_engagements, 0) > 0
                    then cast(coalesce(engagement.indirect_engagements, 0) as {{ type_double() }})
                        / engagement.direct_engagements
            end as {{ type_double() }}
        ) as share_uplift
    from originals
    left join share_totals
        on originals.post_id = share_totals.original_post_id
    left join engagement
        on originals.post_id = engagement.original_post_id
)

select * from final
