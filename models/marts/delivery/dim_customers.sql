-- Customers. The name reaches this mart only as a salted hash, the email only masked.
with

customers as (
    select * from {{ ref('stg_delivery__customers') }}
),

final as (
    select
        cast({{ surrogate_key(['customer_id']) }} as {{ dbt.type_string() }}) as customer_key,
        cast(customer_id as bigint) as customer_id,
        cast({{ pseudonymise('full_name') }} as {{ dbt.type_string() }}) as full_name_hash,
        cast({{ mask_email('email') }} as {{ dbt.type_string() }}) as email_masked,
        cast(city as {{ dbt.type_string() }}) as city,
        cast(signup_at as timestamp) as signup_at
    from customers
)

select * from final
