"""Faults that lose nothing: a build killed with SIGKILL and rebuilt, two runs at once on one file,
and `dbt retry` after a failed model all end with exactly the marts of an uninterrupted build."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dwh.contracts import input_contract
from dwh.daily import Exit
from dwh.dbt import PROJECT_DIR, DbtError, run_dbt
from dwh.manifest import built_relations
from dwh.registry import DOMAINS
from dwh.replay import MODELS_AND_SNAPSHOTS

from .conftest import differences
from .domains import cases

BUILD = MODELS_AND_SNAPSHOTS  # the marts are the point here; the tests run in every other test file
# A new load batch a week after the sample's last, with work for every incremental model and
# snapshot: each domain adds its part (NEXT_BATCH in pytests/domains/<domain>.py), in a SQL script
# that sees a temp table `stamp` holding the new batch's stamp (`next`).
LATEST = " union all ".join(f"select max(_loaded_at) as _loaded_at from raw.{table}" for table in input_contract())
NEXT_BATCH = (f"create temp table stamp as select max(_loaded_at) + interval 7 day as next from ({LATEST});\n"
              + "".join(getattr(cases(name), "NEXT_BATCH", "") for name in DOMAINS))


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


def assert_same_warehouse(left: Path, right: Path, manifest: dict[str, Any]) -> None:
    """Every relation the build makes (the manifest's: marts, staging, snapshots) holds the same rows,
    build-audit columns aside."""
    relations = [built for built in built_relations(manifest) if built.materialized != "view"]
    assert len(relations) > 15
    for built in relations:
        assert differences(left, right, built.relation, built.compared)[1:] == (0, 0), built.relation


def marker(kind: str, manifest: dict[str, Any]) -> str:
    """A line of the build's log to kill it at: the start of an incremental mart, the start of a
    snapshot, or the end of an incremental mart (the last of its kind in name order)."""
    relations = built_relations(manifest)
    marts = [b for b in relations if b.materialized == "incremental" and b.unique_id.startswith("model.")
             and manifest["nodes"][b.unique_id]["fqn"][1] == "marts"]
    snapshots = [b for b in relations if b.unique_id.startswith("snapshot.")]
    return {"incremental_started": f"START sql incremental model {marts[0].relation}",
            "snapshot_started": f"START snapshot {snapshots[0].relation}",
            "incremental_done": f"OK created sql incremental model {marts[-1].relation}"}[kind]


def readers_of(parent: str, manifest: dict[str, Any]) -> list[str]:
    """The built nodes that read `parent`, directly or through ephemeral models (inlined in them)."""
    nodes = manifest["nodes"]
    found: set[str] = set()
    todo = [parent]
    while todo:
        current = todo.pop()
        for uid, node in nodes.items():
            reads = current in node.get("depends_on", {}).get("nodes", [])
            if reads and node["resource_type"] in {"model", "snapshot"}:
                (todo.append(uid) if node["config"].get("materialized") == "ephemeral" else found.add(uid))
    return sorted(found)


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


@pytest.mark.parametrize("kill_at", ["incremental_started", "snapshot_started", "incremental_done"])
def test_a_build_killed_mid_run_then_rebuilt_equals_an_uninterrupted_one(
        kill_at: str, before_next_batch: Path, uninterrupted: Path, tmp_path: Path, manifest: dict[str, Any]) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(before_next_batch, warehouse)
    build = start_build(warehouse)
    read_until(build, marker(kill_at, manifest))
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert build.returncode == -signal.SIGKILL
    run_dbt(BUILD, warehouse)  # the lock died with the process; the rebuild picks up where it can
    assert_same_warehouse(uninterrupted, warehouse, manifest)


def test_a_second_run_is_refused_or_waits_and_the_first_finishes_untouched(
        before_next_batch: Path, uninterrupted: Path, tmp_path: Path, manifest: dict[str, Any]) -> None:
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
    assert_same_warehouse(uninterrupted, warehouse, manifest)


def test_dbt_retry_finishes_a_failed_run(before_next_batch: Path, uninterrupted: Path, tmp_path: Path,
                                         manifest: dict[str, Any]) -> None:
    """A reference table goes missing: the staging models that read it fail and everything below
    them is skipped. Once it is back, `dbt retry` runs just those nodes and the run is complete."""
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(before_next_batch, warehouse)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("drop table shared.iso_country_codes")
    with pytest.raises(DbtError) as failed:
        run_dbt(BUILD, warehouse)
    assert sorted(failed.value.nodes) == readers_of("seed.warehouse.iso_country_codes", manifest)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create table shared.iso_country_codes as select * from read_csv(?, all_varchar = true)",
                    [str(PROJECT_DIR / "seeds" / "reference" / "iso_country_codes.csv")])
    run_dbt(["retry"], warehouse)
    assert_same_warehouse(uninterrupted, warehouse, manifest)
