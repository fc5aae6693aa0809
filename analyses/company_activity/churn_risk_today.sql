-- Companies at churn risk on the as-of date, with their 7-day users a week earlier and how long
-- since the CRM last talked to them (seed 002's question, asked of the mart).
select
    today.company_id,
    today.company_name,
    today.country,
    today.industry_tag,
    week_before.active_users_7d as active_users_7d_a_week_before,
    today.days_since_last_contact
from {{ ref('fact_company_activity') }} as today
left join {{ ref('fact_company_activity') }} as week_before
    on
        today.company_id = week_before.company_id
        and week_before.activity_date = today.activity_date - 7
where
    today.is_churn_risk
    and today.activity_date = (select max(latest.activity_date) from {{ ref('fact_company_activity') }} as latest)
order by today.days_since_last_contact desc nulls first, today.company_id asc
