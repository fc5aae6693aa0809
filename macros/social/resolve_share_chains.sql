{#-
    resolve_share_chains(nodes, anchors, rounds): resolves share chains by pointer doubling.

    Renders CTE definitions (to follow `with ..., ` in a model) ending in one named
    `resolved_chains`: one row per node with original_post_id, share_depth_level, share_path and
    chain_status (see dim_posts).

      nodes    CTE with (post_id, parent_post_id): the posts to resolve in this run
      anchors  CTE with (post_id, original_post_id, share_depth_level, share_path, chain_status):
               posts resolved earlier that a node's chain may hang from (empty on a full build)
      rounds   doubling rounds: chains up to 2^rounds posts long resolve within one run

    Why doubling and not a recursive CTE: a recursive walk takes one step per level, and each
    step scans every post, so a chain 10,000 levels deep costs 10,000 scans. Here every node
    keeps a pointer to the furthest ancestor it has reached (`top`) and that ancestor's parent
    (`jump`); each round a node adopts the state of the node it jumps to, which doubles the
    distance covered, so depth d is reached in log2(d) rounds. A node whose jump is null has
    reached the top of its chain within `nodes` ("done") and never changes again, so each
    round only moves the nodes still climbing ("active"), looking them up among the done ones.

    Two passes: the first carries integers only (top, hops) and finds the nodes in or below a
    cycle (they never finish climbing); the second builds the paths of the others, so path
    strings never grow around a cycle. The top of each chain then ends it: a null parent makes
    an original (ok), an anchor continues the anchor's chain, anything else is missing
    (orphaned: the top stands as the original at depth 0).
-#}
{% macro resolve_share_chains(nodes, anchors, rounds=24) -%}
{#- pass 1: integers only -#}
hop_0 as materialized (
    select
        {{ nodes }}.post_id,
        {{ nodes }}.post_id as top_post_id,
        parent_node.post_id as jump_post_id,
        0 as hops
    from {{ nodes }}
    left join {{ nodes }} as parent_node
        on {{ nodes }}.parent_post_id = parent_node.post_id
),
{%- for k in range(1, rounds + 1) %}

hop_{{ k }} as materialized (
    select
        climbing.post_id,
        jumped.top_post_id,
        jumped.jump_post_id,
        climbing.hops + 1 + jumped.hops as hops
    from hop_{{ k - 1 }} as climbing
    inner join (
        select post_id, top_post_id, jump_post_id, hops from hop_{{ k - 1 }}
        {%- for i in range(k - 1) %}
        union all
        select post_id, top_post_id, jump_post_id, hops from hop_{{ i }} where jump_post_id is null
        {%- endfor %}
    ) as jumped
        on climbing.jump_post_id = jumped.post_id
    where climbing.jump_post_id is not null
),
{%- endfor %}

hops_done as (
    {%- for i in range(rounds + 1) %}
    select post_id, top_post_id, hops from hop_{{ i }} where jump_post_id is null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

{#- pass 2: paths, for the nodes not in or below a cycle -#}
acyclic_nodes as (
    select {{ nodes }}.post_id, {{ nodes }}.parent_post_id
    from {{ nodes }}
    inner join hops_done
        on {{ nodes }}.post_id = hops_done.post_id
),

path_0 as materialized (
    select
        acyclic_nodes.post_id,
        parent_node.post_id as jump_post_id,
        cast(acyclic_nodes.post_id as {{ dbt.type_string() }}) as partial_path
    from acyclic_nodes
    left join acyclic_nodes as parent_node
        on acyclic_nodes.parent_post_id = parent_node.post_id
),
{%- for k in range(1, rounds + 1) %}

path_{{ k }} as materialized (
    select
        climbing.post_id,
        jumped.jump_post_id,
        jumped.partial_path || '/' || climbing.partial_path as partial_path
    from path_{{ k - 1 }} as climbing
    inner join (
        select post_id, jump_post_id, partial_path from path_{{ k - 1 }}
        {%- for i in range(k - 1) %}
        union all
        select post_id, jump_post_id, partial_path from path_{{ i }} where jump_post_id is null
        {%- endfor %}
    ) as jumped
        on climbing.jump_post_id = jumped.post_id
    where climbing.jump_post_id is not null
),
{%- endfor %}

paths_done as (
    {%- for i in range(rounds + 1) %}
    select post_id, partial_path from path_{{ i }} where jump_post_id is null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

resolved_chains as (
    select
        {{ nodes }}.post_id,
        case
            when hops_done.post_id is null then null
            when top_node.parent_post_id is null then hops_done.top_post_id
            when anchor.post_id is not null then anchor.original_post_id
            else hops_done.top_post_id
        end as original_post_id,
        case
            when hops_done.post_id is null then null
            when top_node.parent_post_id is null then hops_done.hops
            when anchor.post_id is not null then anchor.share_depth_level + 1 + hops_done.hops
            else hops_done.hops
        end as share_depth_level,
        case
            when hops_done.post_id is null then null
            when top_node.parent_post_id is null then paths_done.partial_path
            when anchor.post_id is not null then anchor.share_path || '/' || paths_done.partial_path
            else paths_done.partial_path
        end as share_path,
        case
            when hops_done.post_id is null then 'cycle'
            when top_node.parent_post_id is null then 'ok'
            when anchor.post_id is not null then anchor.chain_status
            else 'orphaned'
        end as chain_status
    from {{ nodes }}
    left join hops_done
        on {{ nodes }}.post_id = hops_done.post_id
    left join paths_done
        on {{ nodes }}.post_id = paths_done.post_id
    left join {{ nodes }} as top_node
        on hops_done.top_post_id = top_node.post_id
    left join {{ anchors }} as anchor
        on top_node.parent_post_id = anchor.post_id
)
{%- endmacro %}
