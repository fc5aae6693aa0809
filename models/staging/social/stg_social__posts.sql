{{
    config(
        materialized=incremental_materialization(),
        unique_key='post_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
/*
    One row per post_id: the post's current state, i.e. its newest raw row, cleaned.

    Why incremental, and why it is correct: each run reads only the raw rows landed since the
    last run (landed_since_last_run: rows stamped after the newest `_loaded_at` here, and the
    newest batch again only if it grew, since a batch may land in parts under one stamp) and
    replaces the posts they touch. The newest row of a post is always
    in that read, so the winner is the one a full refresh picks; replays tie and are identical.
    When the newest row breaks a rule the post keeps its row here with `quarantine_reason` set, so
    that dim_posts can take it (and re-resolve the chains below it); downstream models read only
    rows whose `quarantine_reason` is null.
*/
with

landed as (
    select * from {{ ref('base_social__posts') }}
    where post_id is not null
    {% if is_incremental() %}
        and {{ landed_since_last_run(ref('base_social__posts'), 'count(post_id)') }}
    {% endif %}
),

classified as (
    select
        *,
        {{ batch_row_count('post_id') }} as _batch_row_count
    from ({{ rank_raw_rows('landed', ref('base_social__posts')) }}) as judged
),

final as (
    select
        -- ids
        post_id,
        creator_user_id,
        parent_post_id,
        -- strings
        content_type,
        _broken_rule as quarantine_reason,
        -- booleans
        is_deleted,
        -- timestamps
        created_at,
        _loaded_at,
        _batch_row_count
    from classified
    where _version_rank = 1
)

select * from final
