-- Seed 003: the percentage of posts created on a day that got a reaction but no comment that
-- same day (internal accounts' events do not count). var('creation_date') picks the day; by
-- default the latest day posts were created on. 0 when no post was created that day.
{%- set latest_day = "(select max(cast(created_timestamp as date)) from " ~ ref('dim_posts') ~ ")" %}
{%- set target_day = "cast('" ~ var('creation_date') ~ "' as date)" if var('creation_date', none) else latest_day %}

with

posts_created as (
    select
        post_id,
        cast(created_timestamp as date) as creation_date
    from {{ ref('dim_posts') }}
    where cast(created_timestamp as date) = {% if var('creation_date', none) -%}
        cast('{{ var("creation_date") }}' as date)
    {%- else -%}
            (select max(cast(latest.created_timestamp as date)) from {{ ref('dim_posts') }} as latest)
    {%- endif %}
),

same_day_engagement as (
    select
        posts_created.post_id,
        max(case when events.engagement_type = 'reaction' then 1 else 0 end) as has_reaction,
        max(case when events.engagement_type = 'comment' then 1 else 0 end) as has_comment
    from posts_created
    inner join {{ ref('fact_engagement_events') }} as events
        on
            posts_created.post_id = events.post_id
            and posts_created.creation_date = cast(events.event_timestamp as date)
    where not events.is_internal_user
    group by posts_created.post_id
)

select
    (select min(posts_created.creation_date) from posts_created) as creation_date,
    (select count(*) from posts_created) as posts_created,
    count(*) as posts_with_reaction_and_no_comment,
    coalesce(100.0 * count(*) / nullif((select count(*) from posts_created), 0), 0.0)
        as percentage_posts_reaction_no_comment
from same_day_engagement
where has_reaction = 1 and has_comment = 0
