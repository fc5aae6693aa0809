{#-
    No silent loss: attached to a raw source table, fails (one row with the counts) unless
        raw rows = current rows in staging + superseded rows + quarantined rows.
    Superseded rows are counted independently of staging's ranking: rows with a full key minus
    the distinct keys (trimmed, as staging trims them).

    staged            the staging model holding the current version of each record
    staged_where      filter for the good current rows in it (optional)
    quarantine        the domain's quarantine model; quarantine_where picks this table's rows
    key_columns       the record's natural key
-#}
{% test raw_rows_are_conserved(model, staged, quarantine, quarantine_where, key_columns, staged_where=none) %}

{%- set keys = [] -%}
{%- for key in key_columns -%}
    {%- do keys.append("trim(cast(" ~ key ~ " as " ~ dbt.type_string() ~ "))") -%}
{%- endfor %}

with

raw_keyed as (
    select {{ keys | join(', ') }}
    from {{ model }}
    where {% for key in keys %}{{ key }} is not null{% if not loop.last %} and {% endif %}{% endfor %}
),

counts as (
    select
        (select count(*) from {{ model }}) as raw_rows,
        (select count(*) from {{ staged }} {% if staged_where %}where {{ staged_where }}{% endif %}) as current_rows,
        (select count(*) from raw_keyed)
        - (select count(*) from (select distinct * from raw_keyed) as distinct_keys) as superseded_rows,
        (select count(*) from {{ quarantine }} where {{ quarantine_where }}) as quarantined_rows
)

select * from counts
where raw_rows != current_rows + superseded_rows + quarantined_rows

{% endtest %}
