"""`dwh run`, the daily run a scheduler drives: one line per step, and an exit code per failure.

0 ok, 3 busy, 4 load, 5 contract, 6 build, 7 freshness (dwh/daily.py). The landing files are
stamped now, so the freshness check sees fresh data.
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from dwh.daily import Exit, daily_run
from dwh.lock import warehouse_lock

from .conftest import dwh, rows


def test_a_daily_run_loads_builds_and_checks_freshness(today: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    done = dwh("run", "--warehouse", str(warehouse), "--landing", str(today))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().split("\n")
    assert [line.split(":")[0] for line in lines] == ["load", "build", "freshness", "run"]
    assert re.fullmatch(r"load: 26 files at [0-9: -]+: 26 loaded \(32 rows\), 0 already loaded, 0 refused; 0 lines "
                        r"rejected \(landing\.rejected_lines\) \([0-9.]+ s\)", lines[0]), lines[0]
    # (the no-op nodes are the exposures)
    assert re.fullmatch(r"build: the input contract kept; \d+ nodes: (\d+ no-op, )?\d+ pass, \d+ success"
                        r"(, \d+ warn)? \([0-9.]+ s\)", lines[1]), lines[1]
    assert re.fullmatch(r"freshness: 26 raw tables: 26 pass \([0-9.]+ s\)", lines[2]), lines[2]
    assert rows(warehouse, "select company_id, events from company_activity.fact_company_activity") == [("A", 2)]
    assert rows(warehouse, "select profile_id, completion_status, playback_position_seconds "
                           "from streaming.fact_viewing_sessions") == [("q1", "stopped", 60)]
    assert rows(warehouse, "select ride_id, passenger_count from rideshare.fact_rides") == [("r1", 0)]
    assert rows(warehouse, "select batch_id, total_deliveries from delivery.fact_delivery_batches") == [(5, 1)]


def test_exit_codes_name_the_failing_step(today: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    said: list[str] = []
    assert daily_run(warehouse, today, said.append) == Exit.OK

    # 4: a file the contract does not know
    (today / "raw_mystery__x.csv").write_text("a\n1\n")
    said.clear()
    assert daily_run(warehouse, today, said.append) == Exit.LOAD
    assert said[-2].startswith("load FAILED: 1 file(s) refused: raw_mystery__x.csv: no raw table 'raw_mystery'")
    (today / "raw_mystery__x.csv").unlink()

    # 6: a test at error severity fails: an email address as a company's id (ids are not free text,
    # so staging keeps them as they are) reaches dim_companies, and the failure names the column
    later = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=1)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("insert into raw.raw_crm_companies values "
                    "('ceo@acme.example.com', 'Acme', 'GB', 'saas', null, ?, ?)", [later.date(), later])
    said.clear()
    assert daily_run(warehouse, None, said.append) == Exit.BUILD
    assert said[-2].startswith("build FAILED: test.warehouse.no_personal_data_dim_companies_")
    assert "column_name=company_id, personal_data=email, masked_value=c***" in said[-2]
    assert "`dbt retry`" in said[-2]

    # 5: a raw table loses a contract column: the run stops before the build
    with duckdb.connect(str(warehouse)) as con:
        con.execute("alter table raw.raw_posts drop column content_type")
    said.clear()
    assert daily_run(warehouse, None, said.append) == Exit.CONTRACT
    assert "contract FAILED:" in said[-2] and "raw.raw_posts: column content_type (varchar) is missing" in said[-2]
    assert said[-1].startswith("run: FAILED at contract (exit 5)")


def test_stale_sources_exit_7(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    """The sample data landed months ago: the build passes, freshness fails."""
    said: list[str] = []
    assert daily_run(copy_of(full_build), None, said.append) == Exit.STALE
    assert said[-2].startswith("freshness FAILED: older than their error threshold: source.warehouse.")


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
