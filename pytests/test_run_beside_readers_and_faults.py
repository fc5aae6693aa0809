"""A run beside readers, and the machine's faults: a notebook holding the warehouse file makes a run
wait or be refused as busy (exit 3) and never sees half-built marts; memory running out and a full
disk are the machine's exit 1, not a failed build; and bad rows never fail a run, even when the
whole sample lands again under a new stamp."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from dwh.daily import Exit, daily_run
from dwh.dbt import PROJECT_DIR
from dwh.landing_sample import write_landing
from dwh.registry import DOMAINS, SAMPLE_SEEDS

from .conftest import dwh, rows
from .domains import cases


def test_the_whole_sample_landed_again_under_a_new_stamp_passes(full_build: Path, copy_of,  # type: ignore[no-untyped-def]
                                                                 tmp_path: Path) -> None:
    """Every sample file landed again in one load, stamped now: bad rows change their fate (the
    planted ride stamped before its start is now in the past, a completed ride whose segments never
    came), but bad rows never fail a run: the cross-table ride rules warn and list the ride."""
    batches = tmp_path / "batches"
    write_landing(PROJECT_DIR / SAMPLE_SEEDS, batches)
    folder = tmp_path / "all_at_once"
    folder.mkdir()
    for path in batches.glob("*/*"):
        path.rename(folder / path.name)
    warehouse = copy_of(full_build)
    said: list[str] = []
    assert daily_run(warehouse, folder, said.append) == Exit.OK, "\n".join(said)
    # the warn-level tests stored what they found, in `audit`
    stored = [table for (table,) in rows(warehouse, "select table_name from information_schema.tables where "
                                                    "table_schema = 'audit' and table_name != 'raw_load_marks'")]
    assert sum(int(rows(warehouse, f"select count(*) from audit.{t}")[0][0]) for t in stored) >= 1  # type: ignore[call-overload]


def test_a_reader_holding_the_file_makes_the_run_wait_or_busy_and_no_reader_gets_in_during_a_run(
        today: Path, tmp_path: Path) -> None:
    """A notebook's read-only connection: the run is refused as busy (exit 3) naming the reader's
    process, or waits for it with --wait. A run holds the file from its first step to its last, so
    a reader who comes during the run is refused by DuckDB, never shown half-built marts."""
    warehouse = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(warehouse)).close()  # an empty warehouse file a notebook can open
    reader = duckdb.connect(str(warehouse), read_only=True)
    refused = dwh("run", "--warehouse", str(warehouse), "--landing", str(today))
    assert refused.returncode == Exit.BUSY, refused.stdout + refused.stderr
    assert "Traceback" not in refused.stderr
    assert re.search(rf"refused: warehouse .*/warehouse\.duckdb is busy: pid {os.getpid()} \(`[^`]+`\) has "
                     r"the file open", refused.stderr), refused.stderr
    waited = dwh("load", "--warehouse", str(warehouse), "--wait", "1", str(today))
    assert waited.returncode == Exit.BUSY and "busy after waiting 1 s" in waited.stderr, waited.stderr

    threading.Timer(3.0, reader.close).start()  # the notebook closes its connection while the run waits
    run = subprocess.Popen([sys.executable, "-m", "dwh", "run", "--warehouse", str(warehouse), "--landing", str(today),
                            "--wait", "60"], cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outcomes = ""  # one letter per try to open the file read-only: r refused, o opened
    while run.poll() is None:
        try:
            duckdb.connect(str(warehouse), read_only=True).close()
            outcomes += "o"
        except duckdb.IOException as error:
            assert "Could not set lock" in str(error)
            outcomes += "r"
        time.sleep(0.5)
    out, err = run.communicate()
    assert run.returncode == Exit.OK, out + err
    # opened before the run took the file (the test's own reader, shared in this process), then
    # refused from the moment the run held it to its end, then opened while the finished run's
    # process exits: never opened in between
    assert re.fullmatch(r"o*r{5,}o*", outcomes), outcomes
    for name in DOMAINS:  # the day's data reached the marts (pytests/domains/<domain>.py)
        for sql, expected in cases(name).DAILY_RUN_ANSWERS.items():
            assert rows(warehouse, sql) == expected, sql


def test_memory_running_out_is_the_machine_exit_1(today: Path, tmp_path: Path) -> None:
    """Out of memory is the machine's fault, not the data's: exit 1, saying so, never 6."""
    done = subprocess.run([sys.executable, "-m", "dwh", "run", "--warehouse", str(tmp_path / "warehouse.duckdb"),
                           "--landing", str(today)], cwd=PROJECT_DIR, capture_output=True, text=True,
                          env={**os.environ, "DUCKDB_MEMORY_LIMIT": "4MB"})
    assert done.returncode == Exit.UNEXPECTED, done.stdout + done.stderr
    assert re.search(r"^build FAILED: the machine: memory ran out \(Out of Memory Error: .*\)\. Nothing was lost",
                     done.stdout, re.MULTILINE), done.stdout
    assert "run: FAILED at build (exit 1)" in done.stdout


def test_a_full_disk_is_the_machine_exit_1(today: Path, tmp_path: Path) -> None:
    """A warehouse on a small file system that fills up during the build: exit 1, saying so."""
    loaded = tmp_path / "loaded" / "warehouse.duckdb"
    assert dwh("load", "--warehouse", str(loaded), str(today)).returncode == 0
    disk = tmp_path / "small_disk"
    disk.mkdir()
    size_kib = loaded.stat().st_size // 1024 + 1024
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    try:
        shutil.copy(loaded, disk / "warehouse.duckdb")
        done = dwh("run", "--warehouse", str(disk / "warehouse.duckdb"))
    finally:
        subprocess.run(["umount", str(disk)], check=True)
    assert done.returncode == Exit.UNEXPECTED, done.stdout + done.stderr
    assert re.search(r"FAILED: the machine: the disk is full \(.*No space left on device.*\)\. Nothing was lost",
                     done.stdout), done.stdout
