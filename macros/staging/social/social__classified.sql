{#-
    Cleaning and row rules for the social raw tables, one macro per table (see
    classify_raw_rows). The staging models and social_quarantine read the same definitions.
-#}

{% macro social__classified_posts(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(post_id) as post_id,
            trim(creator_user_id) as creator_user_id,
            nullif(trim(parent_post_id), '') as parent_post_id,
            -- strings
            lower(trim(content_type)) as content_type,
            -- booleans
            coalesce(cast(is_deleted as boolean), false) as is_deleted,
            -- timestamps
            cast(created_at as timestamp) as created_at,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['post_id'],
        columns=['post_id', 'creator_user_id', 'parent_post_id', 'content_type', 'is_deleted', 'created_at'],
        rules=[
            {'reason': 'missing_creator', 'broken_when': 'creator_user_id is null'},
            {'reason': 'missing_created_at', 'broken_when': 'created_at is null'},
            {'reason': 'created_after_load', 'broken_when': 'created_at > _loaded_at'},
        ],
    ) }}
{%- endmacro %}

{% macro social__classified_engagement_events(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(event_id) as event_id,
            trim(user_id) as user_id,
            trim(post_id) as post_id,
            trim(session_id) as session_id,
            -- strings
            lower(trim(engagement_type)) as engagement_type,
            lower(trim(platform)) as platform,
            -- numerics
            cast(view_seconds as {{ type_double() }}) as view_seconds,
            -- timestamps
            cast(event_ts as timestamp) as event_timestamp,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['event_id'],
        columns=['event_id', 'user_id', 'post_id', 'session_id', 'engagement_type', 'platform', 'view_seconds',
                 'event_timestamp'],
        rules=[
            {'reason': 'missing_post_id', 'broken_when': 'post_id is null'},
            {'reason': 'missing_user_id', 'broken_when': 'user_id is null'},
            {'reason': 'unknown_engagement_type',
             'broken_when': "coalesce(engagement_type not in (select engagement_type_name from "
                 ~ ref('engagement_types') ~ "), true)"},
            {'reason': 'negative_view_seconds', 'broken_when': 'view_seconds < 0'},
            {'reason': 'missing_event_timestamp', 'broken_when': 'event_timestamp is null'},
            {'reason': 'event_after_load', 'broken_when': 'event_timestamp > _loaded_at'},
        ],
    ) }}
{%- endmacro %}

{% macro social__classified_users(relation) -%}
    {%- set renamed -%}
    (
        select
            -- ids
            trim(user_id) as user_id,
            -- strings
            {{ free_text('username') }} as username,
            lower(trim(user_type)) as user_type,
            upper(trim(country)) as country,
            -- booleans
            coalesce(cast(is_internal as boolean), false) as is_internal,
            -- timestamps and dates
            cast(created_at as timestamp) as created_at,
            cast(export_date as date) as export_date,
            cast(_loaded_at as timestamp) as _loaded_at
        from {{ relation }}
    ) as renamed
    {%- endset -%}
    {{ classify_raw_rows(
        renamed,
        key_columns=['user_id', 'export_date'],
        columns=['user_id', 'username', 'user_type', 'country', 'is_internal', 'created_at', 'export_date'],
        rules=[
            {'reason': 'unknown_country',
             'broken_when': "country not in (select country_code from " ~ ref('iso_country_codes') ~ ")"},
            {'reason': 'export_after_load', 'broken_when': 'export_date > cast(_loaded_at as date)'},
        ],
    ) }}
{%- endmacro %}
