"""Faults that lose nothing: a build killed with SIGKILL and rebuilt, two runs at once on one file,
and `dbt retry` after a failed model all end with exactly the marts of an uninterrupted build."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dwh.daily import Exit
from dwh.dbt import PROJECT_DIR, DbtError, run_dbt
from dwh.replay import MODELS_AND_SNAPSHOTS

from .conftest import differences

BUILD = MODELS_AND_SNAPSHOTS  # the marts are the point here; the tests run in every other test file
# A new load batch a week after the sample's last: new and corrected events, new shares, a new
# CRM export with a renamed company, so every incremental model and the snapshot have work to do.
NEXT_BATCH = """
create temp table stamp as select max(_loaded_at) + interval 7 day as next from raw.raw_product_events;
insert into raw.raw_product_events
select event_id || '-n', company_id, user_id, event_type, occurred_at + interval 7 day, (select next from stamp)
from raw.raw_product_events where event_id like '%1';
insert into raw.raw_product_events
select event_id, company_id, user_id, 'search', occurred_at - interval 1 day, (select next from stamp)
from raw.raw_product_events where event_id like '%7' and _loaded_at < (select next from stamp);
insert into raw.raw_posts
select post_id || '-s', creator_user_id, post_id, created_at + interval 7 day, content_type, false,
       (select next from stamp)
from raw.raw_posts where post_id like '%3';
insert into raw.raw_crm_companies
select company_id, case when company_id = 'C002' then name || ' Group' else name end, country, industry_tag,
       last_contact_at, export_date + 7, (select next from stamp)
from raw.raw_crm_companies where export_date = (select max(export_date) from raw.raw_crm_companies);
"""


@pytest.fixture(scope="module")
def before_next_batch(full_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample warehouse with the next batch landed in raw, not built yet."""
    warehouse = tmp_path_factory.mktemp("faults") / "warehouse.duckdb"
    shutil.copy(full_build, warehouse)
    with duckdb.connect(str(warehouse)) as con:
        con.execute(NEXT_BATCH)
    return warehouse


@pytest.fixture(scope="module")
def uninterrupted(before_next_batch: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    warehouse = tmp_path_factory.mktemp("control") / "warehouse.duckdb"
    shutil.copy(before_next_batch, warehouse)
    run_dbt(BUILD, warehouse)
    return warehouse


def assert_same_warehouse(left: Path, right: Path) -> None:
    """Every table the build makes (marts, staging, snapshots) holds the same rows, build-time
    stamps aside."""
    with duckdb.connect(str(left), read_only=True) as con:
        tables = con.execute(
            "select table_schema || '.' || table_name from information_schema.tables where table_type = 'BASE TABLE' "
            "and table_schema in ('staging', 'intermediate', 'snapshots', 'company_activity', 'social', 'shared')"
        ).fetchall()
    assert len(tables) > 15
    for (table,) in tables:
        columns = "* exclude (loaded_at)" if table.endswith("fact_company_activity") else "*"
        assert differences(left, right, table, columns)[1:] == (0, 0), table


def start_build(warehouse: Path, *extra: str) -> subprocess.Popen[str]:
    """`dwh dbt -- build` in another process, its output readable line by line as it runs."""
    return subprocess.Popen([sys.executable, "-m", "dwh", "dbt", "--warehouse", str(warehouse), *extra, "--", *BUILD],
                            cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def read_until(process: subprocess.Popen[str], marker: str) -> list[str]:
    """Lines of the process's output up to the first one holding `marker`."""
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line)
        if marker in line:
            return seen
    raise AssertionError(f"the run ended before {marker!r}: {''.join(seen)[-3000:]}")


@pytest.mark.parametrize("marker", [
    "START sql incremental model social.dim_posts",
    "START snapshot snapshots.snap_company_activity__crm_companies",
    "OK created sql incremental model company_activity.fact_company_activity",
])
def test_a_build_killed_mid_run_then_rebuilt_equals_an_uninterrupted_one(
        marker: str, before_next_batch: Path, uninterrupted: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(before_next_batch, warehouse)
    build = start_build(warehouse)
    read_until(build, marker)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert build.returncode == -signal.SIGKILL
    run_dbt(BUILD, warehouse)  # the lock died with the process; the rebuild picks up where it can
    assert_same_warehouse(uninterrupted, warehouse)


def test_a_second_run_is_refused_or_waits_and_the_first_finishes_untouched(
        before_next_batch: Path, uninterrupted: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(before_next_batch, warehouse)
    first = start_build(warehouse)
    read_until(first, " START ")  # the first run is building: it holds the lock
    refused = subprocess.run([sys.executable, "-m", "dwh", "run", "--warehouse", str(warehouse)], cwd=PROJECT_DIR,
                             capture_output=True, text=True)
    assert refused.returncode == Exit.BUSY
    assert f"held by pid {first.pid} " in refused.stderr and "dwh dbt --warehouse" in refused.stderr
    queued = start_build(warehouse, "--wait", "600")
    rest, _ = first.communicate()
    assert first.returncode == 0, rest[-3000:]
    queued_output, _ = queued.communicate()
    assert queued.returncode == 0, queued_output[-3000:]
    assert_same_warehouse(uninterrupted, warehouse)


def test_dbt_retry_finishes_a_failed_run(before_next_batch: Path, uninterrupted: Path, tmp_path: Path) -> None:
    """A reference table goes missing: the staging models that read it fail and everything below
    them is skipped. Once it is back, `dbt retry` runs just those nodes and the run is complete."""
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(before_next_batch, warehouse)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("drop table shared.iso_country_codes")
    with pytest.raises(DbtError) as failed:
        run_dbt(BUILD, warehouse)
    assert sorted(node.split(".")[2] for node in failed.value.nodes) == [
        "company_activity_quarantine", "social_quarantine", "stg_company_activity__crm_companies",
        "stg_social__users", "stg_streaming__profiles", "streaming_quarantine"]
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create table shared.iso_country_codes as select * from read_csv(?, all_varchar = true)",
                    [str(PROJECT_DIR / "seeds" / "reference" / "iso_country_codes.csv")])
    run_dbt(["retry"], warehouse)
    assert_same_warehouse(uninterrupted, warehouse)
