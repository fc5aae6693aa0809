-- Rule: a delivery belongs to at most one batch that was not cancelled. One row per delivery in two
-- or more.
select
    batch_deliveries.delivery_id,
    count(*) as live_batches
from {{ ref('fact_batch_deliveries') }} as batch_deliveries
inner join {{ ref('fact_delivery_batches') }} as batches
    on batch_deliveries.batch_id = batches.batch_id
where batches.batch_status != 'cancelled'
group by batch_deliveries.delivery_id
having count(*) > 1
