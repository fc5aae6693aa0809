-- Rule: every real user's event on a post in a healthy chain counts exactly once in
-- fact_post_virality, as direct or indirect engagement or view of the chain's original.
with

counted as (
    select count(*) as events
    from {{ ref('fact_engagement_events') }} as events
    inner join {{ ref('dim_posts') }} as posts
        on events.post_id = posts.post_id
    where not events.is_internal_user and posts.chain_status = 'ok'
),

virality as (
    select sum(direct_engagements + direct_views + indirect_engagements + indirect_views) as events
    from {{ ref('fact_post_virality') }}
)

select
    counted.events as counted_events,
    virality.events as virality_events
from counted
cross join virality
where counted.events != virality.events
