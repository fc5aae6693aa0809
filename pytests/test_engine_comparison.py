"""The engine comparison (dwh/engines.py, used by `make test-engines`) can fail: it finds a changed
value, a lost row and an extra row, and it does not flag what engines merely print differently."""

from __future__ import annotations

import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from dwh.dbt import run_dbt
from dwh.engines import marts, normal, read_table
from dwh.manifest import built_relations

from .conftest import rows


def test_values_engines_print_differently_compare_equal() -> None:
    assert normal(0.1 + 0.2) == normal(0.3) == normal(Decimal("0.3000000000"))
    assert normal(datetime(2026, 3, 1, 8, 0)) == normal("2026-03-01T08:00:00") == normal("2026-03-01 08:00:00.0")
    assert normal(date(2026, 3, 1)) == "2026-03-01"
    assert normal(True) is True and normal(None) is None and normal(3) == 3
    assert normal(1.5) != normal(1.5000001)


def test_the_comparison_finds_every_kind_of_difference(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    run_dbt(["parse"], full_build)
    manifest = Path(os.environ["DBT_TARGET_PATH"]) / "manifest.json"
    found = marts(manifest)
    audit = {(b.relation, c) for b in built_relations(manifest) for c in b.build_audit}
    assert audit and not any((f"{schema}.{table}", c) in audit for schema, table, columns in found for c in columns)
    materialized = {b.relation: b.materialized for b in built_relations(manifest)}
    tables = [(schema, table) for schema, table, _ in found if materialized[f"{schema}.{table}"] != "view"
              and rows(full_build, f"select count(*) from {schema}.{table}") != [(0,)]]
    assert len(tables) >= 3
    (schema, table, column), = rows(full_build, """
        select table_schema, table_name, column_name from information_schema.columns
        where data_type = 'DOUBLE' and table_schema || '.' || table_name in (select unnest(?::varchar[]))
        order by all limit 1""", [[f"{s}.{t}" for s, t in tables]])
    others = [f"{s}.{t}" for s, t in tables if (s, t) != (schema, table)]
    changed = copy_of(full_build)
    with duckdb.connect(str(changed)) as con:  # a value off by a little, a row missing, a row too many
        con.execute(f"update {schema}.{table} set {column} = {column} + 0.001 where {column} is not null")
        con.execute(f"delete from {others[0]} where rowid = (select min(rowid) from {others[0]})")
        con.execute(f"insert into {others[1]} select * from {others[1]} limit 1")
    differing = {f"{s}.{t}" for s, t, columns in found
                 if read_table("duckdb", full_build, s, t, columns) != read_table("duckdb", changed, s, t, columns)}
    assert differing == {f"{schema}.{table}", others[0], others[1]}
