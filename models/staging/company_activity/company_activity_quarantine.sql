-- Every raw company-activity row set aside by a rule, with the reason and the raw row itself.
-- Judged by the same macros as the staging models, so staging + quarantine + superseded = raw.
{{ quarantine_rows(
    rank_raw_rows(ref('base_company_activity__crm_companies')),
    'raw_crm_companies',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_company_activity__product_usage_api')),
    'raw_product_usage_api',
) }}

union all

{{ quarantine_rows(
    rank_raw_rows(ref('base_company_activity__product_events')),
    'raw_product_events',
) }}
