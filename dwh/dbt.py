"""Running dbt from Python, in process, against a chosen warehouse file."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from dbt.cli.main import dbtRunner, dbtRunnerResult
from dbt_common.events.base_types import EventMsg

PROJECT_DIR = Path(__file__).resolve().parent.parent
# Build everything but the sample raw data, which would overwrite what a loader put in raw.
BUILD_LOADED = ["build", "--exclude", "tag:sample_data"]


class DbtError(RuntimeError):
    """A dbt command failed; the message names the command and the failing nodes.

    `failures` maps each failing node's name to the rows it reported (tests) or 0 (errors);
    `nodes` lists the failing nodes' unique ids (empty when dbt stopped before any node ran)."""

    def __init__(self, message: str, failures: dict[str, int], nodes: list[str] | None = None,
                 finished: int = 0) -> None:
        super().__init__(message)
        self.failures = failures
        self.nodes = nodes or []
        self.finished = finished  # nodes that had finished (in any status) when dbt stopped


@contextmanager
def warehouse_env(warehouse: Path) -> Iterator[None]:
    """Point the profile at `warehouse` for the duration of the block.

    The profile gets the file's name and the process works in the file's folder: dbt parses the
    whole project again (seconds) whenever the profile's `path` changes, and a bare name keeps its
    partial parsing valid from one warehouse to the next of the same name (every test build, for
    one). The project, profiles, target and log folders are absolute, so nothing else moves."""
    previous_path = os.environ.get("WAREHOUSE_PATH")
    previous_folder = os.getcwd()
    warehouse = warehouse.resolve()
    os.environ["WAREHOUSE_PATH"] = warehouse.name
    os.chdir(warehouse.parent)
    try:
        yield
    finally:
        os.chdir(previous_folder)
        if previous_path is None:
            os.environ.pop("WAREHOUSE_PATH", None)
        else:
            os.environ["WAREHOUSE_PATH"] = previous_path


def release_warehouse() -> None:
    """Close the DuckDB file dbt-duckdb keeps open once an in-process command returns.

    The profile's `keep_open` (on unless DUCKDB_KEEP_OPEN=false) gives a whole dbt command one
    connection; otherwise dbt-duckdb opens and closes the file for every node, which was half of
    a node's time here (a build took twice as long). A process running dbt from the command line
    lets the file go when it exits; one running it in process (dwh, the tests) calls this after
    every command, so that readers, other processes and the next command find the file free."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        environment, DuckDBConnectionManager._ENV = DuckDBConnectionManager._ENV, None
    if environment is not None:
        environment.close()


def statuses(result: dbtRunnerResult) -> Counter[str]:
    """How many nodes ended in each status (pass, warn, error, fail, skipped, success, ...); the
    project's hooks are not nodes."""
    return Counter(str(node.status) for node in getattr(result.result, "results", None) or []
                   if hasattr(node, "node") and str(node.node.resource_type) != "operation")


def _stored_failures(warehouse: Path, relation_name: str | None, shown: int = 3) -> str:
    """The first rows a failing test stored (`store_failures`), as text for its message: what failed,
    without opening the warehouse by hand (the personal-data test stores the column and the kind).
    DuckDB only; empty when there is nothing to show."""
    if not relation_name or os.environ.get("DBT_TARGET", "duckdb") != "duckdb":
        return ""
    import duckdb

    relation = ".".join(relation_name.split(".")[-2:])  # schema.identifier (the catalogue is the file)
    try:
        with duckdb.connect(str(warehouse.resolve())) as con:
            found = con.execute(f"select * from {relation} limit {shown}")
            names = [d[0] for d in found.description or []]
            stored = found.fetchall()
    except duckdb.Error:
        return ""
    if not stored:
        return ""
    return " (" + "; ".join(", ".join(f"{n}={v}" for n, v in zip(names, row, strict=True)) for row in stored) + ")"


def run_dbt(args: Sequence[str], warehouse: Path, project_dir: Path = PROJECT_DIR,
            quiet: bool = True, artifacts: bool = True) -> dbtRunnerResult:
    """Run one dbt command on `warehouse`; raise DbtError unless it succeeded.

    artifacts=False: dbt writes no manifest.json or run_results.json (`--no-write-json`), which
    saves most of a second per command: for the steps of a loop whose last command writes them
    (what `dbt retry`, `dbt docs` and the tests that read target/ need)."""
    argv = [*args, "--project-dir", str(project_dir), "--profiles-dir", str(project_dir)]
    if quiet:
        argv.append("--quiet")
    if not artifacts:
        argv.append("--no-write-json")
    errors: list[str] = []
    finished: list[str] = []

    def keep_errors(event: EventMsg) -> None:
        if event.info.level == "error":
            errors.append(str(getattr(event.info, "msg", "")))
        if event.info.name == "NodeFinished":
            finished.append(event.info.name)

    with warehouse_env(warehouse):
        try:
            result = dbtRunner(callbacks=[keep_errors]).invoke(argv)
        finally:
            release_warehouse()
    if not result.success:
        failures: dict[str, int] = {}
        nodes: list[str] = []
        lines = []
        for node in getattr(result.result, "results", None) or []:
            if str(node.status) in {"error", "fail", "runtime error"}:
                unique_id = node.node.unique_id if hasattr(node, "node") else str(node.unique_id)
                failures[unique_id.split(".")[-1] if not hasattr(node, "node") else node.node.name] = int(
                    getattr(node, "failures", 0) or 0)
                nodes.append(unique_id)
                stored = _stored_failures(warehouse, getattr(getattr(node, "node", None), "relation_name", None))
                lines.append(f"{unique_id}: {node.message or ' '.join(errors)}{stored}")
        detail = "; ".join(lines) or str(result.exception or " ".join(errors))
        raise DbtError(f"dbt {' '.join(args)} failed: {detail}", failures, nodes, len(finished))
    return result
