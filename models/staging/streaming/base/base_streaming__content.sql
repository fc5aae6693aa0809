{{ config(materialized='ephemeral', meta={'record_key': ['content_id', 'export_date']}) }}
-- Every row of raw.raw_content, cleaned and judged on its own: the first rule it breaks, if any
-- (judge_raw_rows). stg_streaming__content and streaming_quarantine rank what it judged.
with

typed as (
    {{ typed_raw_rows('streaming', 'raw_content') }}
),

renamed as (
    select
        -- ids
        trim(content_id) as content_id,
        nullif(trim(series_id), '') as series_id,
        -- strings
        {{ free_text('title') }} as title,
        lower(trim(content_type)) as content_type,
        {{ free_text('series_title') }} as series_title,
        lower({{ free_text('genre') }}) as genre,
        -- numerics
        season_number,
        episode_number,
        duration_seconds,
        credits_start_seconds,
        -- dates and timestamps
        release_date,
        export_date,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'unknown_content_type',
         'broken_when': "coalesce(content_type not in ('movie', 'episode'), true)"},
        {'reason': 'episode_without_series', 'broken_when': "content_type = 'episode' and series_id is null"},
        {'reason': 'non_positive_duration', 'broken_when': 'duration_seconds <= 0'},
        {'reason': 'negative_credits_start', 'broken_when': 'credits_start_seconds < 0'},
        {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
    ]) }}
)

select * from judged
