-- The three completion statuses of a viewing session, in the order they are decided
-- (macros/streaming/sessions.sql: streaming__completion_statuses).
with

statuses as (
    {%- for status in streaming__completion_statuses() %}
        select
            {{ status.key }} as completion_status_key,
            '{{ status.status }}' as completion_status,
            '{{ status.description }}' as description
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        cast(completion_status_key as integer) as completion_status_key,
        cast(completion_status as {{ dbt.type_string() }}) as completion_status,
        cast(description as {{ dbt.type_string() }}) as description
    from statuses
)

select * from final
