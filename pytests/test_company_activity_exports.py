"""Company activity's CRM exports: two rows of one company in one export resolve the same way,
whatever their order."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import load_and_build, new_domain_warehouse, rows

EXPORT = """
insert into raw.raw_crm_companies values
    ('A', 'Acme', 'GB', 'saas', null, '2026-03-01', '2026-03-01 08:00'),
    ('A', 'Acme Holdings', 'GB', 'fintech', null, '2026-03-01', '2026-03-01 08:00'),
    ('B', 'Beta', 'DE', 'retail', null, '2026-03-01', '2026-03-01 08:00');
insert into raw.raw_product_events values ('e1', 'A', 'u1', 'login', '2026-02-28 10:00', '2026-03-01 08:00');
"""


@pytest.mark.parametrize("order", ["as exported", "reversed"])
def test_duplicate_keys_inside_one_export_resolve_the_same_way(order: str, tmp_path: Path) -> None:
    """Company A twice in one export under one stamp: the tie breaks on the rows' content, so the
    same row wins whichever was written first, and the other is superseded (never lost)."""
    warehouse = tmp_path / "warehouse.duckdb"
    new_domain_warehouse(warehouse, "company_activity")
    sql = EXPORT
    if order == "reversed":
        lines = EXPORT.strip().split("\n")
        sql = "\n".join([lines[0], lines[2], lines[1], *lines[3:]])
    load_and_build(warehouse, "company_activity", sql)  # includes the conservation tests
    assert rows(warehouse, "select company_id, company_name from staging.stg_company_activity__crm_companies "
                           "order by 1") == [("A", "Acme Holdings"), ("B", "Beta")]  # the larger content
    assert rows(warehouse, "select count(*) from raw.raw_crm_companies") == [(3,)]
