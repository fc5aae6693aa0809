-- One row per original post and share depth (>= 1) that has shares: how many shares sit at
-- each level of the chain (counted shares only: see int_social__shares_counted).
with

shares as (
    select * from {{ ref('int_social__shares_counted') }}
),

final as (
    select
        cast(original_post_id as {{ dbt.type_string() }}) as original_post_id,
        cast(share_depth_level as integer) as share_depth_level,
        -- `shares` is the contract's column name, though a keyword to sqlfluff
        cast(count(*) as integer) as shares  -- noqa: RF04
    from shares
    group by original_post_id, share_depth_level
)

select * from final
