{#- Values and checks the streaming base and staging models share (models/staging/streaming/). -#}

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
