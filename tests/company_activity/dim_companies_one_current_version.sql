-- Rule: a company has at most one current version, and versions of one company never overlap.
with

versions as (
    select
        company_id,
        valid_from,
        valid_to,
        is_current,
        lead(valid_from) over (partition by company_id order by valid_from) as next_valid_from
    from {{ ref('dim_companies') }}
)

select *
from versions
where
    (is_current and next_valid_from is not null)
    or (valid_to is not null and next_valid_from is not null and valid_to > next_valid_from)
    or (is_current != (valid_to is null))
