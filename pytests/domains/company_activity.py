"""The company_activity domain's hand-made quarantine cases (pytests/test_quarantine_rules.py): for each raw
table, one good row (reason None) and one row per quarantine rule that breaks exactly that rule,
in the input contract's column order; and where each table's good row must arrive."""

from __future__ import annotations

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
