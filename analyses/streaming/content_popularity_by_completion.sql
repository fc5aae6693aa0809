-- Seed 003, scenario 3: content popularity by completion percentage, over the sessions that
-- started in the window ending on the streaming as-of date (the latest session start in the data,
-- or var run_date), instead of the seed's [start_date] .. [end_date]; var window_days (default 30).
-- Titles are grouped by id (the seed groups by name, which merges two titles of one name);
-- sessions of a title with unknown length have no completion percentage and count apart.
with

as_of as (
    select
        {% if var('run_date') %}
            cast('{{ var("run_date") }}' as date)
        {% else %}
            cast(max(session_start_timestamp) as date)
        {% endif %} as as_of_date
    from {{ ref('fact_viewing_sessions') }}
),

window_sessions as (
    select sessions.*
    from {{ ref('fact_viewing_sessions') }} as sessions
    cross join as_of
    where
        sessions.date_key
        between {{ date_key(dbt.dateadd('day', -(var('window_days', 30) - 1), 'as_of.as_of_date')) }}
        and {{ date_key('as_of.as_of_date') }}
)

select
    titles.content_id,
    titles.title as content_name,
    titles.content_type,
    avg(window_sessions.completion_percentage) as avg_completion,
    count(*) as session_count,
    count(window_sessions.completion_percentage) as sessions_with_known_length,
    sum(case when window_sessions.completion_status = 'completed' then 1 else 0 end) as completed_sessions
from window_sessions
inner join {{ ref('dim_content') }} as titles
    on window_sessions.content_key = titles.content_key
group by titles.content_id, titles.title, titles.content_type
order by avg_completion desc nulls last, titles.content_id asc
