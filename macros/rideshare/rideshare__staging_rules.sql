{#- Values and checks the rideshare base and staging models share (models/staging/rideshare/). -#}

{% macro rideshare__ride_types() -%}
    {{ return(['regular', 'carpool', 'xl']) }}
{%- endmacro %}

{#-
    rideshare__segments_checked(segments, rides): the current segments, each with `_ride_rule`:
    'unknown_ride' when its ride is not current (not landed yet, or quarantined), or
    'segment_outside_ride' when it starts before its ride or ends after it; null when it fits.
    A segment that breaks either waits in rideshare_quarantine and stays out of the marts until
    a ride that holds it lands. `segments` and `rides` are current rows (classified or staged).
-#}
{% macro rideshare__segments_checked(segments, rides) -%}
select
    segments.*,
    case
        when rides.ride_id is null then 'unknown_ride'
        when segments.pickup_timestamp < rides.start_timestamp
            or segments.dropoff_timestamp > rides.end_timestamp then 'segment_outside_ride'
    end as _ride_rule
from {{ segments }} as segments
left join {{ rides }} as rides
    on segments.ride_id = rides.ride_id
{%- endmacro %}
