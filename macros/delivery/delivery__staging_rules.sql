{#- Values and checks the delivery base and staging models share (models/staging/delivery/). -#}

{% macro delivery__batch_states() -%}
    {{ return(['created', 'assigned', 'in_progress', 'completed', 'cancelled']) }}
{%- endmacro %}
