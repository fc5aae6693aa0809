"""Every quarantine rule is broken by data: one good row per raw table, plus one row per rule that
breaks exactly that rule, loaded straight into `raw`. Each bad row must land in the domain's
quarantine with its own reason, the good rows must reach staging, and the build (which includes
the raw = current + superseded + quarantined tests) must pass."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dwh.contracts import create_raw_tables, input_contract
from dwh.dbt import run_dbt
from dwh.registry import DOMAINS

from .conftest import domain_build, rows
from .domains import cases as cases_of


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_rule_quarantines_the_row_that_breaks_it(domain: str, tmp_path: Path) -> None:
    """The cases are the domain's own (pytests/domains/<domain>.py: QUARANTINE_CASES, STAGED)."""
    domain_cases, staged = cases_of(domain).QUARANTINE_CASES, cases_of(domain).STAGED
    assert set(domain_cases) == set(staged) == {t for t, raw in input_contract().items() if raw.domain == domain}
    warehouse = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        create_raw_tables(con, domain)
        for table, cases in domain_cases.items():
            marks = ", ".join("?" * len(cases[0][1]))
            con.executemany(f"insert into raw.{table} values ({marks})", [list(values) for _, values in cases])
    run_dbt(["seed", "--select", "path:seeds/reference"], warehouse)
    run_dbt(domain_build(domain), warehouse)  # includes the raw-rows conservation tests

    expected = sorted((table, reason) for table, cases in domain_cases.items() for reason, _ in cases if reason)
    quarantined = rows(warehouse, f"select source_table, reason from staging.{domain}_quarantine order by all")
    assert quarantined == expected
    for table in domain_cases:
        assert rows(warehouse, f"select count(*) from {staged[table]}") == [(1,)], table
