-- Every raw company-activity row set aside by a rule, with the reason and the raw row itself.
-- Judged by the same macros as the staging models, so staging + quarantine + superseded = raw.
{{ quarantine_rows(
    company_activity__classified_crm_companies(source('company_activity', 'raw_crm_companies')),
    'raw_crm_companies',
    key_columns=['company_id', 'export_date'],
    columns=['company_id', 'company_name', 'country', 'industry_tag', 'last_contact_at', 'export_date'],
) }}

union all

{{ quarantine_rows(
    company_activity__classified_product_usage_api(source('company_activity', 'raw_product_usage_api')),
    'raw_product_usage_api',
    key_columns=['company_id', 'usage_date'],
    columns=['company_id', 'usage_date', 'active_users', 'events'],
) }}

union all

{{ quarantine_rows(
    company_activity__classified_product_events(source('company_activity', 'raw_product_events')),
    'raw_product_events',
    key_columns=['event_id'],
    columns=['event_id', 'company_id', 'user_id', 'event_type', 'occurred_at'],
) }}
