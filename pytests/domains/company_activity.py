"""The company_activity domain's hand-made quarantine cases (pytests/test_quarantine_rules.py): for each raw
table, one good row (reason None) and one row per quarantine rule that breaks exactly that rule,
in the input contract's column order; and where each table's good row must arrive."""

from __future__ import annotations

from pathlib import Path

from . import Row

L1 = "2026-03-01 08:00"  # company-activity load stamp
QUARANTINE_CASES: dict[str, list[tuple[str | None, Row]]] = {
    "raw_crm_companies": [
        (None, ("A", "Acme", "GB", "saas", None, "2026-03-01", L1)),
        ("null_company_id", (None, "Nameless", "GB", "saas", None, "2026-03-01", L1)),
        ("null_export_date", ("B", "Beta", "GB", "saas", None, None, L1)),
        ("unknown_country", ("C", "Gamma", "XX", "saas", None, "2026-03-01", L1)),
        ("export_after_load", ("D", "Delta", "GB", "saas", None, "2026-03-05", L1)),
        ("contact_after_load", ("E", "Eps", "GB", "saas", "2026-03-04 10:00", "2026-03-01", L1)),
    ],
    "raw_product_usage_api": [
        (None, ("A", "2026-02-28", 1, 1, L1)),
        ("null_company_id", (None, "2026-02-28", 1, 1, L1)),
        ("null_usage_date", ("A", None, 1, 1, L1)),
        ("null_figures", ("B", "2026-02-28", None, 1, L1)),
        ("negative_figures", ("C", "2026-02-28", -1, 1, L1)),
        ("users_without_events", ("D", "2026-02-28", 2, 0, L1)),
        ("date_after_load", ("E", "2026-03-09", 1, 1, L1)),
    ],
    "raw_product_events": [
        (None, ("e0", "A", "u1", "login", "2026-02-28 10:00", L1)),
        ("null_event_id", (None, "A", "u1", "login", "2026-02-28 10:00", L1)),
        ("missing_company_id", ("e1", None, "u1", "login", "2026-02-28 10:00", L1)),
        ("missing_user_id", ("e2", "A", None, "login", "2026-02-28 10:00", L1)),
        ("missing_event_type", ("e3", "A", "u1", "  ", "2026-02-28 10:00", L1)),
        ("missing_occurred_at", ("e4", "A", "u1", "login", None, L1)),
        ("occurred_after_load", ("e5", "A", "u1", "login", "2026-03-02 10:00", L1)),
    ],
}

STAGED = {
    "raw_crm_companies": "staging.stg_company_activity__crm_companies",
    "raw_product_usage_api": "staging.stg_company_activity__product_usage_api where quarantine_reason is null",
    "raw_product_events": "staging.stg_company_activity__product_events where quarantine_reason is null",
}


def landing_day(folder: Path, d: str, t: str) -> None:
    """One small day of landing files for `dwh run`, one per raw table (pytests/handmade.py, write_day):
    `d` is the day, `t` a moment in it."""
    (folder / "raw_crm_companies__export.csv").write_text(
        "company_id,name,country,industry_tag,last_contact_at,export_date\n"
        f"A,Acme,GB,saas,,{d}\nB,Beta,de,retail,{t},{d}\n")
    (folder / "raw_product_usage_api__pull.ndjson").write_text(
        f'{{"company_id": "A", "date": "{d}", "active_users": 1, "events": 2}}\n')
    (folder / "raw_product_events__telemetry.ndjson").write_text(
        f'{{"event_id": "e1", "company_id": "A", "user_id": "u1", "event_type": "login", "occurred_at": "{t}"}}\n'
        f'{{"event_id": "e2", "company_id": "A", "user_id": "u1", "event_type": "click", "occurred_at": "{t}"}}\n')


# What the marts hold after `dwh run` loads landing_day alone (pytests/test_daily_run.py)
DAILY_RUN_ANSWERS: dict[str, list[tuple[object, ...]]] = {
    "select company_id, events from company_activity.fact_company_activity": [("A", 2)]}


# A raw row that makes a test at error severity fail on `dwh run` (pytests/test_daily_run.py): an email
# address as a company's id (ids are not free text, so staging keeps them) reaches dim_companies.
# (insert, its parameters with "later" for a stamp after now, the failing test, what the message says)
BUILD_FAILURE = ("insert into raw.raw_crm_companies values ('ceo@acme.example.com', 'Acme', 'GB', 'saas', null, "
                 "cast(? as date), ?)", ["later", "later"], "test.warehouse.no_personal_data_dim_companies_",
                 "column_name=company_id, personal_data=email, masked_value=c***")


# Personal data typed into free text (pytests/test_personal_data.py): (raw table, key, column, rank of
# the record by key, the value typed), then what the models hold once it is redacted, and once the
# next clean export has healed the record (its history keeps only the marker).
PERSONAL_DATA_TYPED = [("raw_crm_companies", "company_id", "name", 1, "ceo.office@acme-industries.com")]
PERSONAL_DATA_REDACTED = {
    "select company_name from company_activity.dim_companies where is_current and company_id = "
    "(select min(company_id) from company_activity.dim_companies)": [("[email redacted]",)],
    "select count(*) from snapshots.snap_company_activity__crm_companies "
    "where company_name = '[email redacted]'": [(1,)],
}
PERSONAL_DATA_HEALED = {
    "select count(*) from company_activity.dim_companies where is_current "
    "and company_name like '[%redacted]'": [(0,)],
    "select count(*) from company_activity.dim_companies where not is_current "
    "and company_name = '[email redacted]'": [(1,)],
}


# Work for the fault tests' next batch (pytests/test_faults.py): new and corrected events, a new
# CRM export with a renamed company.
NEXT_BATCH = """
insert into raw.raw_product_events
select event_id || '-n', company_id, user_id, event_type, occurred_at + interval 7 day, (select next from stamp)
from raw.raw_product_events where event_id like '%1';
insert into raw.raw_product_events
select event_id, company_id, user_id, 'search', occurred_at - interval 1 day, (select next from stamp)
from raw.raw_product_events where event_id like '%7' and _loaded_at < (select next from stamp);
insert into raw.raw_crm_companies
select company_id, case when company_id = 'C002' then name || ' Group' else name end, country, industry_tag,
       last_contact_at, export_date + 7, (select next from stamp)
from raw.raw_crm_companies where export_date = (select max(export_date) from raw.raw_crm_companies);
"""
