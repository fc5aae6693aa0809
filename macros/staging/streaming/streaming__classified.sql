{#-
    Cleaning and row rules for the streaming raw tables, one macro per table (see
    classify_raw_rows). The staging models and streaming_quarantine read the same definitions.
-#}

{#- The beacon types the apps send, and the playback qualities from lowest to highest. -#}
{% macro streaming__event_types() -%}
    {{ return(['play', 'pause', 'resume', 'seek', 'quality_change', 'heartbeat', 'stop', 'complete']) }}
{%- endmacro %}

{% macro streaming__qualities() -%}
    {{ return(['SD', 'HD', 'FHD', 'UHD']) }}
{%- endmacro %}

{#- quoted_list(['a', 'b']) -> 'a', 'b' (for an `in (...)` list) -#}
{% macro quoted_list(values) -%}
    {%- for value in values %}'{{ value }}'{% if not loop.last %}, {% endif %}{% endfor -%}
{%- endmacro %}

{% macro streaming__classified_playback_events(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(event_id) as event_id,
            trim(profile_id) as profile_id,
            trim(account_id) as account_id,
            trim(content_id) as content_id,
            trim(device_id) as device_id,
            nullif(trim(client_session_id), '') as client_session_id,
            -- strings
            lower(trim(event_type)) as event_type,
            upper(trim(quality)) as quality,
            -- numerics
            cast(playback_position_seconds as integer) as playback_position_seconds,
            cast(seek_from_seconds as integer) as seek_from_seconds,
            -- booleans
            coalesce(cast(autoplay as boolean), false) as autoplay,
            -- timestamps
            cast(event_ts as timestamp) as event_timestamp,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['event_id'],
        columns=['event_id', 'profile_id', 'account_id', 'content_id', 'device_id', 'client_session_id',
                 'event_type', 'quality', 'playback_position_seconds', 'seek_from_seconds', 'autoplay',
                 'event_timestamp'],
        rules=[
            {'reason': 'missing_profile_id', 'broken_when': 'profile_id is null'},
            {'reason': 'missing_content_id', 'broken_when': 'content_id is null'},
            {'reason': 'missing_device_id', 'broken_when': 'device_id is null'},
            {'reason': 'unknown_event_type',
             'broken_when': 'coalesce(event_type not in (' ~ quoted_list(streaming__event_types()) ~ '), true)'},
            {'reason': 'missing_event_timestamp', 'broken_when': 'event_timestamp is null'},
            {'reason': 'event_after_load', 'broken_when': 'event_timestamp > _loaded_at'},
            {'reason': 'missing_position', 'broken_when': 'playback_position_seconds is null'},
            {'reason': 'negative_position', 'broken_when': 'playback_position_seconds < 0'},
            {'reason': 'negative_seek_from', 'broken_when': 'seek_from_seconds < 0'},
            {'reason': 'seek_without_origin',
             'broken_when': "event_type = 'seek' and seek_from_seconds is null"},
            {'reason': 'unknown_quality',
             'broken_when': 'quality not in (' ~ quoted_list(streaming__qualities()) ~ ')'},
        ],
    ) }}
{%- endmacro %}

{% macro streaming__classified_content(relation) -%}
    {%- set renamed -%}
    (
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
            cast(season_number as integer) as season_number,
            cast(episode_number as integer) as episode_number,
            cast(duration_seconds as integer) as duration_seconds,
            cast(credits_start_seconds as integer) as credits_start_seconds,
            -- dates and timestamps
            cast(release_date as date) as release_date,
            cast(export_date as date) as export_date,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['content_id', 'export_date'],
        columns=['content_id', 'export_date', 'title', 'content_type', 'series_id', 'series_title',
                 'season_number', 'episode_number', 'duration_seconds', 'credits_start_seconds', 'genre',
                 'release_date'],
        rules=[
            {'reason': 'unknown_content_type',
             'broken_when': "coalesce(content_type not in ('movie', 'episode'), true)"},
            {'reason': 'episode_without_series', 'broken_when': "content_type = 'episode' and series_id is null"},
            {'reason': 'non_positive_duration', 'broken_when': 'duration_seconds <= 0'},
            {'reason': 'negative_credits_start', 'broken_when': 'credits_start_seconds < 0'},
            {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
        ],
    ) }}
{%- endmacro %}

{% macro streaming__classified_devices(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(device_id) as device_id,
            -- strings
            lower(trim(device_type)) as device_type,
            lower({{ free_text('os') }}) as os,
            {{ free_text('app_version') }} as app_version,
            -- timestamps
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['device_id'],
        columns=['device_id', 'device_type', 'os', 'app_version'],
        rules=[
            {'reason': 'unknown_device_type',
             'broken_when': "coalesce(device_type not in ('tv', 'mobile', 'tablet', 'web', 'console'), true)"},
        ],
    ) }}
{%- endmacro %}

{% macro streaming__classified_profiles(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(profile_id) as profile_id,
            trim(account_id) as account_id,
            -- strings
            trim(profile_name) as profile_name,
            lower(trim(account_plan)) as account_plan,
            upper(trim(country)) as country,
            -- dates and timestamps
            cast(created_at as timestamp) as created_at,
            cast(export_date as date) as export_date,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['profile_id', 'export_date'],
        columns=['profile_id', 'export_date', 'account_id', 'profile_name', 'account_plan', 'country',
                 'created_at'],
        rules=[
            {'reason': 'missing_account_id', 'broken_when': 'account_id is null'},
            {'reason': 'unknown_country',
             'broken_when': "country not in (select country_code from " ~ ref('iso_country_codes') ~ ")"},
            {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
        ],
    ) }}
{%- endmacro %}
