"""A mart's declared PRIMARY KEY: documented and tested everywhere, enforced by a DuckDB index only
when var('duckdb_key_indexes') asks for it (macros/contracts/key_constraints.sql)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dwh.dbt import run_dbt

MART = ["--select", "+dim_date"]  # a shared mart, from the calendar alone


def constraints(warehouse: Path) -> list[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return sorted(r[0] for r in con.execute(
            "select constraint_type from duckdb_constraints() "
            "where schema_name = 'shared' and table_name = 'dim_date'").fetchall())


def test_the_key_is_declared_but_not_indexed_by_default(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    run_dbt(["run", *MART], warehouse)
    assert "PRIMARY KEY" not in constraints(warehouse)
    assert "NOT NULL" in constraints(warehouse)  # the column constraints stay
    # and the key is still proven, by the model's primary-key data test
    run_dbt(["test", "--select", "dim_date", "--indirect-selection", "cautious"], warehouse)


def test_the_var_has_duckdb_enforce_the_key(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    run_dbt(["run", *MART, "--vars", "{duckdb_key_indexes: true}"], warehouse)
    assert "PRIMARY KEY" in constraints(warehouse)
    with duckdb.connect(str(warehouse)) as con, pytest.raises(duckdb.ConstraintException):
        con.execute("insert into shared.dim_date select * from shared.dim_date limit 1")
