{{ config(materialized='ephemeral', meta={'record_key': ['post_id']}) }}
-- Every row of raw.raw_posts, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_social__posts and social_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('social', 'raw_posts') }}
),

renamed as (
    select
        -- ids
        trim(post_id) as post_id,
        trim(creator_user_id) as creator_user_id,
        nullif(trim(parent_post_id), '') as parent_post_id,
        -- strings
        lower(trim(content_type)) as content_type,
        -- booleans
        coalesce(is_deleted, false) as is_deleted,
        -- timestamps
        created_at,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'missing_creator', 'broken_when': 'creator_user_id is null'},
        {'reason': 'missing_created_at', 'broken_when': 'created_at is null'},
        {'reason': 'created_after_load', 'broken_when': 'created_at > _loaded_at'},
    ]) }}
)

select * from judged
