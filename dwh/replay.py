"""Replay: rebuild a warehouse one load batch at a time, as production would.

The sample raw tables are loaded whole by `dbt seed`, moved aside, and fed back into `raw` one
`_loaded_at` stamp at a time with a build of the models and snapshots after each. Incremental
models then see every late, duplicated or corrected row arrive in order, and the CRM snapshot
sees every export, so the SCD2 history is complete (one build over all exports sees only the
latest one).

The data tests and unit tests run once, at the end, on the final state: they check the state a
build leaves, and pytest proves separately that the replayed incrementals equal a full refresh.
Running them after every batch tripled the replay's time and proved nothing more.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import duckdb

from dwh.dbt import PROJECT_DIR, run_dbt

HOLDING_SCHEMA = "replay_holding"
MODELS_AND_SNAPSHOTS = ["build", "--exclude-resource-type", "seed", "test", "unit_test"]


def raw_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables in schema raw that carry the input contract's `_loaded_at`."""
    rows = con.execute(
        "select table_name from information_schema.columns "
        "where table_schema = 'raw' and column_name = '_loaded_at' order by table_name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def hold_back(warehouse: Path) -> list[datetime]:
    """Move every raw table's rows to the holding schema; return the load stamps in order."""
    with duckdb.connect(str(warehouse)) as con:
        tables = raw_tables(con)
        if not tables:
            raise RuntimeError(f"no raw tables with _loaded_at in {warehouse}")
        con.execute(f"create or replace schema {HOLDING_SCHEMA}")
        stamps: set[datetime] = set()
        for table in tables:
            con.execute(f"create table {HOLDING_SCHEMA}.{table} as select * from raw.{table}")
            con.execute(f"delete from raw.{table}")
            stamps.update(r[0] for r in con.execute(
                f"select distinct _loaded_at from {HOLDING_SCHEMA}.{table} where _loaded_at is not null"
            ).fetchall())
        null_stamps = sum(
            int(con.execute(f"select count(*) from {HOLDING_SCHEMA}.{t} where _loaded_at is null").fetchall()[0][0])
            for t in tables)
        if null_stamps:
            raise RuntimeError(f"{null_stamps} raw rows have no _loaded_at: the input contract requires one")
    return sorted(stamps)


def release(warehouse: Path, stamp: datetime) -> int:
    """Append the rows stamped `stamp` to their raw tables; return how many."""
    with duckdb.connect(str(warehouse)) as con:
        total = 0
        for table in raw_tables(con):
            con.execute(f"insert into raw.{table} select * from {HOLDING_SCHEMA}.{table} where _loaded_at = ?",
                        [stamp])
            total += int(con.execute(f"select count(*) from raw.{table} where _loaded_at = ?",
                                     [stamp]).fetchall()[0][0])
        return total


def _say(message: str) -> None:
    print(message, flush=True)


def replay(warehouse: Path, project_dir: Path = PROJECT_DIR,
           progress: Callable[[str], None] = _say) -> list[datetime]:
    """Build `warehouse` from scratch, one load batch at a time, then run every test once.

    Reports each step through `progress`: the seed load, each batch (n of N, its raw rows and
    seconds), and the tests."""
    started = time.monotonic()
    for leftover in (warehouse, warehouse.with_name(warehouse.name + ".wal")):
        leftover.unlink(missing_ok=True)
    clock = time.monotonic()
    run_dbt(["seed", "--full-refresh"], warehouse, project_dir)
    stamps = hold_back(warehouse)
    progress(f"seeded the sample data: {len(stamps)} load batches to replay ({time.monotonic() - clock:.1f} s)")
    for number, stamp in enumerate(stamps, start=1):
        clock = time.monotonic()
        rows = release(warehouse, stamp)
        run_dbt(MODELS_AND_SNAPSHOTS, warehouse, project_dir)
        progress(f"batch {number}/{len(stamps)} loaded at {stamp:%Y-%m-%d %H:%M}: {rows} raw rows, "
                 f"models and snapshots built in {time.monotonic() - clock:.1f} s")
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"drop schema {HOLDING_SCHEMA} cascade")
    clock = time.monotonic()
    run_dbt(["test"], warehouse, project_dir)
    progress(f"data tests and unit tests passed on the final state ({time.monotonic() - clock:.1f} s); "
             f"replay took {time.monotonic() - started:.0f} s")
    return stamps
