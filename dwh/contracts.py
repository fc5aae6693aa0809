"""The input contract of every domain as DDL: the raw tables and columns exactly as the spec names
them (../shared/spec/0*-<domain>.md). Loaders other than `dbt seed` (the scale generator, the
tests that load hand-made rows straight into `raw`) create their tables from here."""

from __future__ import annotations

import duckdb

RAW_TABLES: dict[str, str] = {
    "company_activity": """
        create table if not exists raw.raw_crm_companies (company_id varchar, name varchar, country varchar,
            industry_tag varchar, last_contact_at timestamp, export_date date, _loaded_at timestamp);
        create table if not exists raw.raw_product_usage_api (company_id varchar, date date, active_users integer,
            events integer, _loaded_at timestamp);
        create table if not exists raw.raw_product_events (event_id varchar, company_id varchar, user_id varchar,
            event_type varchar, occurred_at timestamp, _loaded_at timestamp);
    """,
    "social": """
        create table if not exists raw.raw_posts (post_id varchar, creator_user_id varchar, parent_post_id varchar,
            created_at timestamp, content_type varchar, is_deleted boolean, _loaded_at timestamp);
        create table if not exists raw.raw_engagement_events (event_id varchar, user_id varchar, post_id varchar,
            engagement_type varchar, event_ts timestamp, session_id varchar, platform varchar,
            view_seconds double, _loaded_at timestamp);
        create table if not exists raw.raw_social_users (user_id varchar, username varchar, created_at timestamp,
            user_type varchar, is_internal boolean, country varchar, export_date date, _loaded_at timestamp);
    """,
}


def create_raw_tables(con: duckdb.DuckDBPyConnection, domain: str) -> None:
    """Create schema raw and the domain's raw tables (if they do not exist yet)."""
    con.execute("create schema if not exists raw")
    con.execute(RAW_TABLES[domain])
