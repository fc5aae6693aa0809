-- Seed 003: total shares for an original post (every share below it, at any depth).
-- var('original_post_id') picks the post; by default the original shared the most.
-- (fact_post_virality.total_shares is the same count without internal accounts' shares.)
{%- set most_shared = "(select original_post_id from " ~ ref('fact_post_virality')
    ~ " order by total_shares desc, original_post_id asc limit 1)" %}
{%- set target_post = "'" ~ var('original_post_id') ~ "'" if var('original_post_id', none) else most_shared %}

select
    original_post_id,
    count(*) as total_shares
from {{ ref('dim_posts') }}
where not is_original and original_post_id = {{ target_post }}
group by original_post_id
