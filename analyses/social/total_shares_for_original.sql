-- Seed 003: total shares for an original post (every share below it, at any depth).
-- var('original_post_id') picks the post; by default the original shared the most.
-- (fact_post_virality.total_shares is the same count without internal accounts' shares.)

select
    original_post_id,
    count(*) as total_shares
from {{ ref('dim_posts') }}
where not is_original and original_post_id = {{ original_post_for_analysis() }}
group by original_post_id
