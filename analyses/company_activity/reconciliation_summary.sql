-- How far the warehouse agrees with the Product API, per status, and by how many events.
select
    status,
    count(*) as company_days,
    sum(coalesce(api_events, 0) - warehouse_events) as api_minus_warehouse_events
from {{ ref('company_activity_reconciliation') }}
group by status
order by status
