{#-
    SCD2 versions are well formed: attached to a dimension or a snapshot, returns every version
    that breaks one of the rules, per record (`key_column`):
      - a version ends after it starts (`valid_to` > `valid_from`), or is open (null);
      - only the newest version may be open, and versions never overlap: a version ends at or
        before the next one starts (a gap is a record deleted, then back);
      - `is_current` (when the model has one) is true exactly on the open version.

    valid_from, valid_to   the version's bounds (a snapshot's are dbt_valid_from, dbt_valid_to)
    is_current             the flag column, or none when the model has none
-#}
{% test versions_never_overlap(model, key_column, valid_from='valid_from', valid_to='valid_to', is_current=none) %}

with

versions as (
    select
        {{ key_column }} as record_key,
        {{ valid_from }} as valid_from,
        {{ valid_to }} as valid_to,
        {% if is_current %}{{ is_current }}{% else %}{{ valid_to }} is null{% endif %} as is_current,
        lead({{ valid_from }}) over (partition by {{ key_column }} order by {{ valid_from }}) as next_valid_from
    from {{ model }}
)

select *
from versions
where
    valid_to <= valid_from
    or (valid_to is null and next_valid_from is not null)
    or valid_to > next_valid_from
    or is_current != (valid_to is null)

{% endtest %}
