-- Every raw company-activity row set aside by a rule, with the reason and the raw row itself.
-- Judged by the same macros as the staging models, so staging + quarantine + superseded = raw.
{{ quarantine_rows(
    company_activity__classified_crm_companies(source('company_activity', 'raw_crm_companies')),
    'raw_crm_companies',
) }}

union all

{{ quarantine_rows(
    company_activity__classified_product_usage_api(source('company_activity', 'raw_product_usage_api')),
    'raw_product_usage_api',
) }}

union all

{{ quarantine_rows(
    company_activity__classified_product_events(source('company_activity', 'raw_product_events')),
    'raw_product_events',
) }}
