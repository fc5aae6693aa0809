"""Replay: rebuild a warehouse one load batch at a time, as production would.

The sample raw tables are loaded whole by `dbt seed`, moved aside, and fed back into `raw` one
`_loaded_at` stamp at a time with a build of the models and snapshots after each. Incremental
models then see every late, duplicated or corrected row arrive in order, and the CRM snapshot
sees every export, so the SCD2 history is complete (one build over all exports sees only the
latest one).

The data tests and unit tests run once, at the end, on the final state: they check the state a
build leaves, and pytest proves separately that the replayed incrementals equal a full refresh.
Running them after every batch tripled the replay's time and proved nothing more.

`replay_landing` does the same from landing folders (`dwh generate --landing`): one folder per
batch, loaded by the landing loader with the folder's stamp, so the raw tables get exactly the
rows the seeds hold (and the malformed lines go to `landing.rejected_lines`).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from dwh import registry
from dwh.contracts import input_contract
from dwh.dbt import PROJECT_DIR, run_dbt
from dwh.landing import load
from dwh.landing_sample import parse_stamp_folder
from dwh.lock import holding_file

HOLDING_SCHEMA = "replay_holding"
_T = TypeVar("_T")
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


def release(warehouse: Path, stamp: datetime) -> dict[str, int]:
    """Append the rows stamped `stamp` to their raw tables; return how many, per raw table."""
    with duckdb.connect(str(warehouse)) as con:
        released = {}
        for table in raw_tables(con):
            con.execute(f"insert into raw.{table} select * from {HOLDING_SCHEMA}.{table} where _loaded_at = ?",
                        [stamp])
            released[table] = int(con.execute(f"select count(*) from raw.{table} where _loaded_at = ?",
                                              [stamp]).fetchall()[0][0])
        return released


def affected(released: dict[str, int], built: set[str]) -> list[str]:
    """What a build after this batch must run: everything downstream of the domains whose raw tables
    just received rows; the first time a domain (or the shared models) appears, all of its models,
    also those that read no raw table (code lists such as dim_completion_status). A domain that
    received nothing would only run its incremental models to find nothing new, so the batch
    skips it: a third of the replay's time once three domains share the batches."""
    contract = input_contract()
    domains = sorted({contract[t].domain for t, n in released.items() if n and t in contract})
    selection = [s for name in domains
                 for s in ([f"source:{name}+"] if name in built else registry.domain(name).selection())]
    if "shared" not in built:
        selection.extend(registry.SHARED_SELECTION)
    built.update(domains, {"shared"})
    return [*MODELS_AND_SNAPSHOTS, "--select", *selection] if domains else []


def _say(message: str) -> None:
    print(message, flush=True)


def _fresh(warehouse: Path) -> None:
    for leftover in (warehouse, warehouse.with_name(warehouse.name + ".wal")):
        leftover.unlink(missing_ok=True)


def _rebuilt(build: Callable[..., _T]) -> Callable[..., _T]:
    """Start the warehouse anew, and hold the new file from then to the end (dwh/lock.py,
    holding_file): no reader can take it between two batches or two dbt nodes."""

    @functools.wraps(build)
    def rebuild(warehouse: Path, *args: Any, **kwargs: Any) -> _T:
        _fresh(warehouse)
        with holding_file(warehouse):
            return build(warehouse, *args, **kwargs)

    return rebuild


def _test_at_end(warehouse: Path, project_dir: Path, started: float, progress: Callable[[str], None]) -> None:
    clock = time.monotonic()
    run_dbt(["test"], warehouse, project_dir)
    progress(f"data tests and unit tests passed on the final state ({time.monotonic() - clock:.1f} s); "
             f"replay took {time.monotonic() - started:.0f} s")


@_rebuilt
def build_at_once(warehouse: Path, project_dir: Path = PROJECT_DIR, progress: Callable[[str], None] = _say) -> None:
    """Load all the sample data at once and run one `dbt build` (the CRM snapshot then sees only
    the latest export)."""
    started = time.monotonic()
    run_dbt(["seed", "--full-refresh"], warehouse, project_dir)
    progress(f"seeded the sample data ({time.monotonic() - started:.1f} s)")
    clock = time.monotonic()
    run_dbt(["build", "--exclude-resource-type", "seed"], warehouse, project_dir)
    progress(f"built and tested in {time.monotonic() - clock:.1f} s")


@_rebuilt
def replay(warehouse: Path, project_dir: Path = PROJECT_DIR,
           progress: Callable[[str], None] = _say) -> list[datetime]:
    """Build `warehouse` from scratch, one load batch at a time, then run every test once.

    Reports each step through `progress`: the seed load, each batch (n of N, its raw rows and
    seconds), and the tests."""
    started = time.monotonic()
    clock = time.monotonic()
    run_dbt(["seed", "--full-refresh"], warehouse, project_dir)
    stamps = hold_back(warehouse)
    progress(f"seeded the sample data: {len(stamps)} load batches to replay ({time.monotonic() - clock:.1f} s)")
    built: set[str] = set()
    for number, stamp in enumerate(stamps, start=1):
        clock = time.monotonic()
        released = release(warehouse, stamp)
        build = affected(released, built)
        if build:
            run_dbt(build, warehouse, project_dir, artifacts=False)  # the tests at the end write them
        progress(f"batch {number}/{len(stamps)} loaded at {stamp:%Y-%m-%d %H:%M}: {sum(released.values())} raw rows, "
                 f"models and snapshots built in {time.monotonic() - clock:.1f} s")
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"drop schema {HOLDING_SCHEMA} cascade")
    _test_at_end(warehouse, project_dir, started, progress)
    return stamps


@_rebuilt
def replay_landing(warehouse: Path, landing_root: Path, project_dir: Path = PROJECT_DIR,
                   progress: Callable[[str], None] = _say) -> list[datetime]:
    """Build `warehouse` from scratch from landing folders, one folder (load batch) at a time."""
    started = time.monotonic()
    folders = sorted(p for p in landing_root.iterdir() if p.is_dir())
    if not folders:
        raise RuntimeError(f"no batch folders in {landing_root} (write them with `dwh generate --landing`)")
    clock = time.monotonic()
    run_dbt(["seed", "--select", "path:seeds/reference"], warehouse, project_dir)
    progress(f"seeded the reference data: {len(folders)} landing batches to replay ({time.monotonic() - clock:.1f} s)")
    stamps = []
    for number, folder in enumerate(folders, start=1):
        clock = time.monotonic()
        report = load(warehouse, folder, parse_stamp_folder(folder.name))
        if report.refused:
            raise RuntimeError(f"{folder}: refused {[f.file_name + ': ' + f.message for f in report.refused]}")
        run_dbt(MODELS_AND_SNAPSHOTS, warehouse, project_dir, artifacts=False)  # the tests at the end write them
        stamps.append(report.stamp)
        progress(f"batch {number}/{len(folders)} landed at {report.stamp:%Y-%m-%d %H:%M}: {len(report.files)} files, "
                 f"{report.rows_loaded} rows loaded, {report.lines_rejected} lines rejected, "
                 f"models and snapshots built in {time.monotonic() - clock:.1f} s")
    _test_at_end(warehouse, project_dir, started, progress)
    return stamps
