"""`dwh run`, the daily run a scheduler drives: one line per step, and an exit code per failure.

0 ok, 3 busy, 4 load, 5 contract, 6 build, 7 freshness (dwh/daily.py). The landing files are
stamped now, so the freshness check sees fresh data.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from dwh.contracts import input_contract
from dwh.daily import Exit, StepFailed, daily_run, freshness_step
from dwh.lock import warehouse_lock
from dwh.registry import DOMAINS

from .conftest import dwh, rows
from .domains import cases
from .handmade import write_day


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    """One small day of landing files (every raw table, dated an hour ago), run from scratch by
    `dwh run` as a scheduler runs it: the landing folder, the warehouse and what the run said.
    The tests that go on from there work on a copy of the warehouse."""
    folder = tmp_path_factory.mktemp("daily_run")
    landing, warehouse = folder / "landing", folder / "warehouse.duckdb"
    write_day(landing, datetime.now(UTC).replace(tzinfo=None, microsecond=0) - timedelta(hours=1))
    return landing, warehouse, dwh("run", "--warehouse", str(warehouse), "--landing", str(landing))


def test_a_daily_run_loads_builds_and_checks_freshness(
        first_run: tuple[Path, Path, subprocess.CompletedProcess[str]]) -> None:
    today, warehouse, done = first_run
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().split("\n")
    assert [line.split(":")[0] for line in lines] == ["load", "build", "freshness", "run"]
    files = sorted(today.iterdir())
    landed_rows = sum(len(f.read_text().splitlines()) - (f.suffix == ".csv") for f in files)
    assert re.fullmatch(rf"load: {len(files)} files at [0-9: -]+: {len(files)} loaded \({landed_rows} rows\), "
                        r"0 already loaded, 0 refused; 0 lines rejected \(landing\.rejected_lines\) \([0-9.]+ s\)",
                        lines[0]), lines[0]
    # (the no-op nodes are the exposures)
    assert re.fullmatch(r"build: the input contract kept; \d+ nodes: (\d+ no-op, )?\d+ pass, \d+ success"
                        r"(, \d+ warn)? \([0-9.]+ s\)", lines[1]), lines[1]
    raw_tables = len(input_contract())
    assert re.fullmatch(rf"freshness: {raw_tables} raw tables: {raw_tables} pass \([0-9.]+ s\)", lines[2]), lines[2]
    for name in DOMAINS:  # each domain's own answers (pytests/domains/<domain>.py)
        for sql, expected in cases(name).DAILY_RUN_ANSWERS.items():
            assert rows(warehouse, sql) == expected, (name, sql)


def test_exit_codes_name_the_failing_step(first_run: tuple[Path, Path, subprocess.CompletedProcess[str]],
                                         copy_of) -> None:  # type: ignore[no-untyped-def]
    today, ran, done = first_run
    assert done.returncode == Exit.OK, done.stdout + done.stderr
    warehouse = copy_of(ran)
    said: list[str] = []

    # 4: a file the contract does not know
    (today / "raw_mystery__x.csv").write_text("a\n1\n")
    said.clear()
    assert daily_run(warehouse, today, said.append) == Exit.LOAD
    assert said[-2].startswith("load FAILED: 1 file(s) refused: raw_mystery__x.csv: no raw table 'raw_mystery'")
    (today / "raw_mystery__x.csv").unlink()

    # 6: a test at error severity fails (the first domain that offers such a row, BUILD_FAILURE in
    # pytests/domains/<domain>.py), and the failure names the test, the column and `dbt retry`
    insert, parameters, failing_test, message = next(
        cases(name).BUILD_FAILURE for name in DOMAINS if hasattr(cases(name), "BUILD_FAILURE"))
    later = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=1)
    with duckdb.connect(str(warehouse)) as con:
        con.execute(insert, [later if p == "later" else p for p in parameters])
    said.clear()
    assert daily_run(warehouse, None, said.append) == Exit.BUILD
    assert said[-2].startswith(f"build FAILED: {failing_test}")
    assert message in said[-2] and "`dbt retry`" in said[-2]

    # 5: a raw table loses a contract column: the run stops before the build
    table = next(iter(input_contract().values()))
    column, data_type = table.columns[1]
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"alter table raw.{table.name} drop column {column}")
    said.clear()
    assert daily_run(warehouse, None, said.append) == Exit.CONTRACT
    assert "contract FAILED:" in said[-2] and f"raw.{table.name}: column {column} ({data_type}) is missing" in said[-2]
    assert said[-1].startswith("run: FAILED at contract (exit 5)")


def test_stale_sources_exit_7(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    """The sample data landed months ago: the freshness step fails with exit 7 (how a failed step
    ends the run with its code is the same for every step: see the test above)."""
    with pytest.raises(StepFailed) as failed:
        freshness_step(copy_of(full_build), lambda _: None)
    assert failed.value.code == Exit.STALE
    assert str(failed.value).startswith("freshness FAILED: older than their error threshold: source.warehouse.")


def test_a_busy_warehouse_is_refused_naming_the_holder(today: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    with warehouse_lock(warehouse, "dwh run --warehouse warehouse.duckdb (a test holding the lock)"):
        done = dwh("run", "--warehouse", str(warehouse), "--landing", str(today))
        waited = dwh("load", "--warehouse", str(warehouse), "--wait", "1", str(today))
    assert done.returncode == Exit.BUSY
    assert re.search(r"refused: warehouse .*/warehouse\.duckdb is busy: held by pid \d+ on \S+ \(`dwh run --warehouse "
                     r"warehouse\.duckdb \(a test holding the lock\)`, since [0-9: -]+ UTC\)", done.stderr), done.stderr
    assert waited.returncode == Exit.BUSY and "busy after waiting 1 s" in waited.stderr
    assert not warehouse.exists()  # nothing touched it
    shutil.rmtree(today)
