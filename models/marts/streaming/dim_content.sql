-- One row per title (movies and episodes) with the attributes of the newest export that lists it.
with

content as (
    select * from {{ ref('int_streaming__content_current') }}
),

final as (
    select
        cast({{ surrogate_key(['content_id']) }} as {{ dbt.type_string() }}) as content_key,
        cast(content_id as {{ dbt.type_string() }}) as content_id,
        cast(title as {{ dbt.type_string() }}) as title,
        cast(content_type as {{ dbt.type_string() }}) as content_type,
        cast(series_id as {{ dbt.type_string() }}) as series_id,
        cast(series_title as {{ dbt.type_string() }}) as series_title,
        cast(season_number as integer) as season_number,
        cast(episode_number as integer) as episode_number,
        cast(duration_seconds as integer) as duration_seconds,
        cast(credits_start_seconds as integer) as credits_start_seconds,
        cast(genre as {{ dbt.type_string() }}) as genre,
        cast(release_date as date) as release_date,
        cast(last_export_date as date) as last_export_date,
        cast(is_in_latest_export as boolean) as is_in_latest_export
    from content
)

select * from final
