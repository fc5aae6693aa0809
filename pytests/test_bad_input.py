"""The catalogue of bad input: what each kind does to a build, proven on real builds.

| bad input | handling | proven by |
| --- | --- | --- |
| null keys | quarantined (`null_<key>`) | test_quarantine_rules |
| unknown enum values (country, engagement type) | quarantined (`unknown_*`) | test_quarantine_rules |
| timestamps in the future (later than their load) | quarantined (`*_after_load`) | test_quarantine_rules |
| wrong types in a landing file | the line goes to landing.rejected_lines | test_landing |
| malformed landing lines | landing.rejected_lines, with line number and error | test_landing |
| an extra column (raw table or landing file) | ignored; the build passes | here, test_landing |
| a raw column changed to a type that still casts | the build passes | here |
| a raw table losing a contract column | the run stops before any model, naming table and column | here |
| a raw column changed to a type that cannot be cast | the run stops before any model, naming table and column | here |
| a row stamped earlier than the newest batch | the run stops before any model and says what to do | here |
| rows deleted from a raw table | the run stops before any model and says what to do | here |
| a raw row without `_loaded_at` | the run stops before any model (exit 5 in `dwh run`), naming the table | here |
| duplicate keys inside one export | one row wins, whatever the order; the other is superseded | a domain's own |
| orphan references (a reference not there yet) | null attributes and a warn test, or `unknown_*` | a domain's own |

In every case the build's conservation tests hold: raw rows = current + superseded + quarantined
(for landing files: data lines = rows loaded + lines rejected).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from dwh.contracts import RawTable, input_contract
from dwh.dbt import DbtError, run_dbt
from dwh.manifest import built_relations

from .conftest import domain_build, rows

BUILD = ["build", "--exclude-resource-type", "seed"]
# The raw table the cases break: the first of the contract with an integer column (any would do:
# the checks are the contract's, the same for every raw table of every domain).
TABLE: RawTable = next(t for t in input_contract().values() if any(kind == "integer" for _, kind in t.columns))
NUMBER = next(column for column, kind in TABLE.columns if kind == "integer")
FIRST_ROW = f"rowid = (select min(rowid) from raw.{TABLE.name})"


def _broken(full_build: Path, copy_of, sql: str) -> DbtError:  # type: ignore[no-untyped-def]
    warehouse = copy_of(full_build)
    with duckdb.connect(str(warehouse)) as con:
        con.execute(sql)
    with pytest.raises(DbtError) as failed:
        run_dbt(BUILD, warehouse)
    assert failed.value.nodes == []  # stopped before any node ran
    return failed.value


def _said(error: Exception) -> str:
    """The error's text on one line (dbt indents multi-line messages)."""
    return " ".join(str(error).split())


def test_a_raw_table_losing_a_contract_column_stops_the_run(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    column, kind = TABLE.columns[1]
    error = _broken(full_build, copy_of, f"alter table raw.{TABLE.name} drop column {column}")
    assert (f"The input contract is broken, so no model ran: - raw.{TABLE.name}: column {column} ({kind}) "
            "is missing") in _said(error)


def test_a_column_that_cannot_be_cast_stops_the_run(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    error = _broken(full_build, copy_of, f"""
        alter table raw.{TABLE.name} alter {NUMBER} type varchar;
        update raw.{TABLE.name} set {NUMBER} = 'many' where {FIRST_ROW}
    """)
    assert f"raw.{TABLE.name}: column {NUMBER} is VARCHAR and " in _said(error)
    assert "value(s) cannot be cast to integer (e.g. 'many')" in _said(error)


def test_a_castable_type_change_and_an_extra_column_build(full_build: Path, copy_of,  # type: ignore[no-untyped-def]
                                                        manifest: dict[str, Any]) -> None:
    """The domain builds (with its conservation tests) and its marts hold exactly what they held."""
    warehouse = copy_of(full_build)
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"""
            alter table raw.{TABLE.name} alter {NUMBER} type varchar;
            alter table raw.{TABLE.name} add column client_version varchar;
            update raw.{TABLE.name} set client_version = '2.1.0' where {FIRST_ROW}
        """)
    run_dbt(domain_build(TABLE.domain), warehouse)
    marts = [b for b in built_relations(manifest) if b.relation.startswith(f"{TABLE.domain}.")]
    assert marts
    for built in marts:
        assert rows(warehouse, f"select {built.compared} from {built.relation} order by all") == rows(
            full_build, f"select {built.compared} from {built.relation} order by all"), built.relation


def test_a_row_stamped_back_in_time_stops_the_run_until_a_full_refresh(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    warehouse = copy_of(full_build)
    ((newest,),) = rows(warehouse, f"select max(_loaded_at) from raw.{TABLE.name}")
    with duckdb.connect(str(warehouse)) as con:  # a row landed again, stamped a day before the newest batch
        con.execute(f"insert into raw.{TABLE.name} select * replace (_loaded_at - interval 1 day as _loaded_at) "
                    f"from raw.{TABLE.name} where _loaded_at = (select max(_loaded_at) from raw.{TABLE.name}) "
                    f"limit 1")
    build = domain_build(TABLE.domain)
    with pytest.raises(DbtError) as failed:
        run_dbt(build, warehouse)
    message = _said(failed.value)
    assert (f"raw.{TABLE.name}: 1 row(s) stamped before {newest} (the newest batch when the warehouse was last "
            "built) landed since. _loaded_at must never go backwards") in message
    assert "rebuild once with --full-refresh" in message
    with pytest.raises(DbtError):  # it keeps stopping: the problem does not go away by itself
        run_dbt(build, warehouse)
    run_dbt([*build, "--full-refresh"], warehouse)  # the remedy: everything re-read, conservation holds
    run_dbt(build, warehouse)  # and the next ordinary run passes again


def test_rows_deleted_from_a_raw_table_stop_the_run(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    error = _broken(full_build, copy_of, f"delete from raw.{TABLE.name} where {FIRST_ROW}")
    assert f"raw.{TABLE.name}: " in _said(error)
    assert "are gone since the last build. Raw tables are append-only" in _said(error)


def test_a_row_without_a_load_stamp_stops_the_run(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    error = _broken(full_build, copy_of, f"insert into raw.{TABLE.name} select * replace (null as _loaded_at) "
                                         f"from raw.{TABLE.name} where {FIRST_ROW}")
    assert (f"The input contract is broken, so no model ran: - raw.{TABLE.name}: 1 row(s) have no _loaded_at."
            in _said(error))
