{{
    config(
        materialized='incremental',
        unique_key='post_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        post_hook="delete from {{ this }} where post_id in (
            select post_id from {{ ref('stg_social__posts') }} where quarantine_reason is not null)",
    )
}}
/*
    The share-chain dimension: one row per post, with the root of its chain, its depth and the
    path of post ids from the root down to it (resolve_share_chains).

    Why incremental, and why it equals a full refresh:
    - A run resolves only the "dirty" posts: those that arrived since the newest `_loaded_at`
      here, the posts below an existing post whose parent changed or that broke a rule (found by
      their path), the orphans waiting for a post that just arrived (their chain root's parent),
      and every post in or below a cycle (bad data, always few). Everything else keeps its row,
      and every clean row a dirty post hangs from is an anchor: a new share takes its root, depth
      and path from its parent's existing row, so old chains are never walked again.
    - A share that lands before its parent is an orphan (its own root) until its parent lands;
      the run that sees the parent re-roots it and its descendants under the parent's chain.
    - A deletion (`is_deleted`) or another change that leaves the parent alone only rewrites
      the post's own attributes; its children still resolve through it.
    - A post whose newest row breaks a rule leaves (post-hook) and the posts below it become
      orphans until a good row returns.
    - Replays change nothing: staging holds one row per post.
*/
with

posts as (
    select * from {{ ref('stg_social__posts') }}
    where quarantine_reason is null
),

{% if is_incremental() %}
current_dim as (
    select * from {{ this }}
),

changed as (
    select * from {{ ref('stg_social__posts') }}
    where _loaded_at >= {{ incremental_watermark() }}
),

arrived as (
    select changed.post_id
    from changed
    left join current_dim
        on changed.post_id = current_dim.post_id
    where changed.quarantine_reason is null and current_dim.post_id is null
),

restructured as (
    -- existing posts whose parent changed or whose newest row now breaks a rule
    select
        current_dim.post_id,
        current_dim.original_post_id,
        current_dim.share_path
    from changed
    inner join current_dim
        on changed.post_id = current_dim.post_id
    where
        changed.quarantine_reason is not null
        or changed.parent_post_id is distinct from current_dim.parent_post_id
),

dirty as (
    select post_id from arrived

    union

    select post_id from restructured

    union

    -- everything below a restructured post
    select current_dim.post_id
    from current_dim
    inner join restructured
        on
            current_dim.original_post_id = restructured.original_post_id
            and starts_with(current_dim.share_path, restructured.share_path || '/')

    union

    -- orphan chains whose missing root parent just arrived
    select current_dim.post_id
    from current_dim
    inner join current_dim as orphan_root
        on current_dim.original_post_id = orphan_root.post_id
    inner join arrived
        on orphan_root.parent_post_id = arrived.post_id
    where orphan_root.chain_status = 'orphaned'

    union

    -- posts in or below a cycle: re-resolved every run
    select post_id from current_dim
    where chain_status = 'cycle'
),

attribute_changes as (
    -- changed posts that keep their place in their chain: only their own columns are rewritten
    select
        current_dim.post_id,
        current_dim.original_post_id,
        current_dim.share_depth_level,
        current_dim.share_path,
        current_dim.chain_status
    from current_dim
    inner join changed
        on current_dim.post_id = changed.post_id
    where
        changed.quarantine_reason is null
        and current_dim.post_id not in (select dirty.post_id from dirty)
),
{% endif %}

nodes as (
    -- the posts this run resolves: all of them on a full build, the dirty ones incrementally
    select
        posts.post_id,
        posts.parent_post_id
    from posts
    {% if is_incremental() %}
        inner join dirty
            on posts.post_id = dirty.post_id
    {% endif %}
),

anchors as (
    -- resolved posts a dirty post's chain may hang from: none on a full build
    {% if is_incremental() %}
        select
            current_dim.post_id,
            current_dim.original_post_id,
            current_dim.share_depth_level,
            current_dim.share_path,
            current_dim.chain_status
        from current_dim
        inner join posts
            on current_dim.post_id = posts.post_id
        where current_dim.post_id not in (select dirty.post_id from dirty)
    {% else %}
        select
            cast(null as {{ dbt.type_string() }}) as post_id,
            cast(null as {{ dbt.type_string() }}) as original_post_id,
            cast(null as integer) as share_depth_level,
            cast(null as {{ dbt.type_string() }}) as share_path,
            cast(null as {{ dbt.type_string() }}) as chain_status
        where false
    {% endif %}
),

{{ resolve_share_chains('nodes', 'anchors', rounds=var('share_chain_rounds')) }},

chains as (
    select * from resolved_chains
    {% if is_incremental() %}
        union all
        select * from attribute_changes
    {% endif %}
),

final as (
    select
        cast({{ surrogate_key(['posts.post_id']) }} as varchar) as post_key,
        cast(posts.post_id as varchar) as post_id,
        cast({{ surrogate_key(['posts.creator_user_id']) }} as varchar) as creator_user_key,
        cast(posts.creator_user_id as varchar) as creator_user_id,
        cast(posts.parent_post_id as varchar) as parent_post_id,
        cast(chains.original_post_id as varchar) as original_post_id,
        cast(chains.share_depth_level as integer) as share_depth_level,
        cast(chains.share_path as varchar) as share_path,
        cast(posts.parent_post_id is null as boolean) as is_original,
        cast(posts.created_at as timestamp) as created_timestamp,
        cast(posts.content_type as varchar) as content_type,
        cast(posts.is_deleted as boolean) as is_deleted,
        cast(chains.chain_status as varchar) as chain_status,
        cast(posts._loaded_at as timestamp) as _loaded_at
    from chains
    inner join posts
        on chains.post_id = posts.post_id
)

select * from final
