{{
    config(
        materialized=incremental_materialization(),
        unique_key='post_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        pre_hook=deep_recursion_hook(),
        post_hook="{% if is_incremental() %}delete from {{ this }} where post_id in (
            select post_id from {{ ref('stg_social__posts') }} where quarantine_reason is not null){% endif %}",
    )
}}
/*
    The share-chain dimension: one row per post, with the root of its chain, its depth and the
    path of post ids from the root down to it (resolve_share_chains: a recursive walk from each
    chain's start down).

    Why incremental, and why it equals a full refresh:
    - A run resolves only the "dirty" posts: those that arrived since the last run, the orphan
      chains waiting for a post that just arrived (their root's parent), the chain of an existing
      post whose parent changed or that broke a rule (a rare correction: that chain is resolved
      again whole), and every post in or below a cycle (bad data, always few). Everything else
      keeps its row, and every clean row a dirty post hangs from is an anchor: a new share takes
      its root, depth and path from its parent's existing row, so old chains are never walked
      again.
    - A share that lands before its parent is an orphan (its own root) until its parent lands;
      the run that sees the parent re-roots it and its descendants under the parent's chain.
    - A deletion (`is_deleted`) or another change that leaves the parent alone only rewrites
      the post's own attributes; its children still resolve through it.
    - A post whose newest row breaks a rule leaves (post-hook) and the posts below it become
      orphans until a good row returns.
    - Replays change nothing: staging holds one row per post.
    On Spark the model is rebuilt whole on every run (incremental_materialization), walking every
    chain: fine for the sample's chains, not for the 10,000-level scale set (README).
*/
with recursive

posts as {{ cte_hint('inline') }} (
    select * from {{ ref('stg_social__posts') }}
    where quarantine_reason is null
),

{% if is_incremental() %}
current_dim as {{ cte_hint('inline') }} (
    -- what is here already, without share_path: that column is large (a chain 10,000 levels
    -- deep has paths of 10,000 ids) and is read once, in known_paths, for the rows that need it
    select
        post_id,
        parent_post_id,
        original_post_id,
        share_depth_level,
        chain_status
    from {{ this }}
),

changed as (
    -- staged posts landed since the last run (see landed_since_last_run)
    select * from {{ ref('stg_social__posts') }}
    where {{ landed_since_last_run(ref('stg_social__posts'), 'max(_batch_row_count)') }}
),

changed_against_current as {{ cte_hint('materialize') }} (
    -- one look-up of the changed posts among the rows here answers every question below
    select
        changed.*,
        current_dim.post_id is not null as is_known,
        current_dim.parent_post_id as current_parent_post_id,
        current_dim.original_post_id as current_original_post_id,
        current_dim.share_depth_level as current_share_depth_level,
        current_dim.chain_status as current_chain_status
    from changed
    left join current_dim
        on changed.post_id = current_dim.post_id
),

arrived as (
    select post_id from changed_against_current
    where not is_known and quarantine_reason is null
),

restructured as (
    -- existing posts whose parent changed or whose newest row now breaks a rule
    select
        post_id,
        current_original_post_id
    from changed_against_current
    where
        is_known
        and (quarantine_reason is not null or parent_post_id is distinct from current_parent_post_id)
),

redone_chains as (
    -- chains resolved again whole: those of restructured posts (rare: corrections), and orphan
    -- chains whose missing root parent just arrived
    select current_original_post_id as original_post_id from restructured

    union

    select post_id
    from current_dim
    where
        chain_status = 'orphaned'
        and share_depth_level = 0
        and parent_post_id in (select arrived.post_id from arrived)
),

dirty as (
    select post_id from arrived

    union

    select post_id from restructured

    union

    select post_id from current_dim
    where original_post_id in (select redone_chains.original_post_id from redone_chains)

    union

    -- posts in or below a cycle: re-resolved every run
    select post_id from current_dim
    where chain_status = 'cycle'
),

attribute_change_ids as (
    -- changed posts that keep their place in their chain: only their own columns are rewritten
    select post_id from changed_against_current
    where
        is_known
        and quarantine_reason is null
        and post_id not in (select dirty.post_id from dirty)
),

known_paths as (
    -- the only read of share_path: for the anchors and the rows rewritten as they are
    select
        post_id,
        share_path
    from {{ this }}
    where post_id in (
        select posts.parent_post_id
        from posts
        inner join dirty
            on posts.post_id = dirty.post_id
        union all
        select post_id from attribute_change_ids
    )
),

attribute_changes as (
    select
        changed_against_current.post_id,
        changed_against_current.creator_user_id,
        changed_against_current.parent_post_id,
        changed_against_current.created_at,
        changed_against_current.content_type,
        changed_against_current.is_deleted,
        changed_against_current._loaded_at,
        changed_against_current._batch_row_count,
        changed_against_current.current_original_post_id as original_post_id,
        changed_against_current.current_share_depth_level as share_depth_level,
        known_paths.share_path,
        changed_against_current.current_chain_status as chain_status
    from changed_against_current
    inner join attribute_change_ids
        on changed_against_current.post_id = attribute_change_ids.post_id
    left join known_paths
        on changed_against_current.post_id = known_paths.post_id
),
{% endif %}

node_posts as (
    -- the posts this run resolves: all of them on a full build, the dirty ones incrementally
    select posts.*
    from posts
    {% if is_incremental() %}
        inner join dirty
            on posts.post_id = dirty.post_id
    {% endif %}
),

nodes as (
    select
        post_id,
        parent_post_id
    from node_posts
),

anchors as (
    -- the resolved posts that dirty posts share (clean, so their chains stand): none on a full
    -- build. Newly quarantined posts are restructured, hence dirty, hence never anchors.
    {% if is_incremental() %}
        select
            current_dim.post_id,
            current_dim.original_post_id,
            current_dim.share_depth_level,
            known_paths.share_path,
            current_dim.chain_status
        from current_dim
        inner join known_paths
            on current_dim.post_id = known_paths.post_id
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

{{ resolve_share_chains('nodes', 'anchors') }},

chains as (
    select
        node_posts.post_id,
        node_posts.creator_user_id,
        node_posts.parent_post_id,
        node_posts.created_at,
        node_posts.content_type,
        node_posts.is_deleted,
        node_posts._loaded_at,
        node_posts._batch_row_count,
        resolved_chains.original_post_id,
        resolved_chains.share_depth_level,
        resolved_chains.share_path,
        resolved_chains.chain_status
    from node_posts
    inner join resolved_chains
        on node_posts.post_id = resolved_chains.post_id
    {% if is_incremental() %}
        union all
        select * from attribute_changes
    {% endif %}
),

final as (
    select
        cast({{ surrogate_key(['post_id']) }} as {{ dbt.type_string() }}) as post_key,
        cast(post_id as {{ dbt.type_string() }}) as post_id,
        cast({{ surrogate_key(['creator_user_id']) }} as {{ dbt.type_string() }}) as creator_user_key,
        cast(creator_user_id as {{ dbt.type_string() }}) as creator_user_id,
        cast(parent_post_id as {{ dbt.type_string() }}) as parent_post_id,
        cast(original_post_id as {{ dbt.type_string() }}) as original_post_id,
        cast(share_depth_level as integer) as share_depth_level,
        cast(share_path as {{ dbt.type_string() }}) as share_path,
        cast(parent_post_id is null as boolean) as is_original,
        cast(created_at as timestamp) as created_timestamp,
        cast(content_type as {{ dbt.type_string() }}) as content_type,
        cast(is_deleted as boolean) as is_deleted,
        cast(chain_status as {{ dbt.type_string() }}) as chain_status,
        cast(_loaded_at as timestamp) as _loaded_at,
        cast(_batch_row_count as bigint) as _batch_row_count
    from chains
)

select * from final
