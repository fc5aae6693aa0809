/*
    One row per title: the attributes of the newest export that lists it (a title missing from the
    latest export was removed from the catalogue and keeps its last attributes), and since when
    the attributes the sessions use (duration and credits position) have been what they are.

      _attributes_since   the `_loaded_at` of the first export, after the last one that differed,
                          showing the current duration and credits position: the incremental
                          session models reopen a title's sessions when it is newer than what
                          they last read (a title that just landed counts as changed). Exports
                          are ordered by `export_date`, never by stamp: several exports can land
                          in one load under one stamp (a scheduler catching up), and the newest
                          of them may be the one that changed the title
      _loaded_through     the newest `_loaded_at` of the catalogue (what a run has read)
*/
with

content as (
    select * from {{ ref('stg_streaming__content') }}
),

newest as (
    {{ newest_export('content', 'content_id') }}
),

last_different as (
    select
        content.content_id,
        max(content.export_date) as last_different_export
    from content
    inner join newest
        on content.content_id = newest.content_id
    where
        coalesce(content.duration_seconds, -1) != coalesce(newest.duration_seconds, -1)
        or coalesce(content.credits_start_seconds, -1) != coalesce(newest.credits_start_seconds, -1)
    group by content.content_id
),

attributes_since as (
    select
        content.content_id,
        min(content._loaded_at) as attributes_since
    from content
    left join last_different
        on content.content_id = last_different.content_id
    where
        last_different.last_different_export is null
        or content.export_date > last_different.last_different_export
    group by content.content_id
),

final as (
    select
        newest.content_id,
        newest.title,
        newest.content_type,
        newest.series_id,
        newest.series_title,
        newest.season_number,
        newest.episode_number,
        newest.duration_seconds,
        newest.credits_start_seconds,
        newest.genre,
        newest.release_date,
        newest.export_date as last_export_date,
        newest.is_in_latest_export,
        attributes_since.attributes_since as _attributes_since,
        (select max(content._loaded_at) from content) as _loaded_through
    from newest
    inner join attributes_since
        on newest.content_id = attributes_since.content_id
)

select * from final
