{#-
    haversine_km(lat1, lon1, lat2, lon2): the great-circle distance in km between two points given
    in degrees, on a sphere of the mean Earth radius R = 6371.0088 km. Plain functions every engine
    has (radians, sin, cos, asin, sqrt, power); the square root is capped at 1 so that rounding
    never takes asin out of its domain. A null coordinate gives null (least() would not: DuckDB's
    skips nulls).
-#}
{% macro haversine_km(lat1, lon1, lat2, lon2) -%}
    {%- set root -%}
        sqrt(
            power(sin((radians({{ lat2 }}) - radians({{ lat1 }})) / 2), 2)
            + cos(radians({{ lat1 }})) * cos(radians({{ lat2 }}))
            * power(sin((radians({{ lon2 }}) - radians({{ lon1 }})) / 2), 2)
        )
    {%- endset -%}
    2 * 6371.0088 * asin(case when {{ root }} > 1 then 1.0 else {{ root }} end)
{%- endmacro %}
