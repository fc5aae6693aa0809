/*
    One row per deduplicated engagement event on a post the warehouse knows. An event whose post
    has not landed yet waits in social_quarantine (`unknown_post`) and appears here from the
    first build that sees the post. Events from users missing from the exports are kept (user
    attributes null, not internal).
*/
with

events as (
    select * from {{ ref('stg_social__engagement_events') }}
),

posts as (
    select * from {{ ref('dim_posts') }}
),

users as (
    select * from {{ ref('social__dim_users') }}
),

engagement_types as (
    select * from {{ ref('dim_engagement_types') }}
),

final as (
    select
        cast(events.event_id as {{ dbt.type_string() }}) as event_id,
        cast({{ surrogate_key(['events.user_id']) }} as {{ dbt.type_string() }}) as user_key,
        cast(events.user_id as {{ dbt.type_string() }}) as user_id,
        cast(posts.post_key as {{ dbt.type_string() }}) as post_key,
        cast(events.post_id as {{ dbt.type_string() }}) as post_id,
        cast(posts.original_post_id as {{ dbt.type_string() }}) as original_post_id,
        cast(engagement_types.engagement_type_key as {{ dbt.type_string() }}) as engagement_type_key,
        cast(events.engagement_type as {{ dbt.type_string() }}) as engagement_type,
        cast(events.event_timestamp as timestamp) as event_timestamp,
        {{ date_key('events.event_timestamp') }} as event_date_key,
        {{ time_key('events.event_timestamp') }} as event_time_key,
        cast(events.platform as {{ dbt.type_string() }}) as platform,
        cast(events.view_seconds as {{ type_double() }}) as view_seconds,
        cast(coalesce(users.is_internal, false) as boolean) as is_internal_user
    from events
    inner join posts
        on events.post_id = posts.post_id
    inner join engagement_types
        on events.engagement_type = engagement_types.engagement_type_name
    left join users
        on events.user_id = users.user_id
)

select * from final
