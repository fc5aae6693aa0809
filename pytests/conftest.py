"""Shared fixtures: every build goes into a temporary DuckDB file, never warehouse.duckdb."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dwh import registry
from dwh.contracts import create_raw_tables
from dwh.dbt import PROJECT_DIR, run_dbt
from dwh.manifest import built_relations
from dwh.registry import DOMAINS, SAMPLE_SEEDS, build_selection
from dwh.replay import replay

from .handmade import write_day

SEED_DIR = PROJECT_DIR / SAMPLE_SEEDS


def _owner(item: pytest.Item) -> str | None:
    """The domain a test belongs to: its module's (test_<domain>_*.py) or its `domain` parameter."""
    module = Path(str(item.fspath)).stem
    for name in DOMAINS:
        if module.startswith(f"test_{name}_"):
            return name
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("domain") if callspec else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The modules marked `long` (a test of minutes: the arrival-order property, sqlfluff) go first,
    so that the two workers (pytest-xdist, --no-loadscope-reorder) start on them and no single
    long test is left running alone at the end. `make test DOMAIN=<name>` ($DOMAIN): one domain's
    tests and the shared ones, for the day-to-day loop; every other domain's are deselected."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)  # stable: otherwise as collected
    chosen = os.environ.get("DOMAIN")
    if not chosen:
        return
    registry.domain(chosen)  # an unknown name stops the run, naming the registered ones
    others = [item for item in items if _owner(item) not in (None, chosen)]
    if others:
        config.hook.pytest_deselected(items=others)
        items[:] = [item for item in items if item not in others]


@pytest.fixture(scope="session", autouse=True)
def _isolated_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """dbt's target/ and logs/ for the test session live in a temporary folder."""
    target = tmp_path_factory.mktemp("dbt_target")
    saved = {k: os.environ.get(k) for k in ("DBT_TARGET_PATH", "DBT_LOG_PATH")}
    os.environ["DBT_TARGET_PATH"] = str(target / "target")
    os.environ["DBT_LOG_PATH"] = str(target / "logs")
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The project's manifest, parsed once per worker into a folder of its own (the session's
    target folder holds whatever the last dbt command wrote, maybe a test's own mini project)."""
    target = tmp_path_factory.mktemp("manifest")
    run_dbt(["parse", "--target-path", str(target)], target / "warehouse.duckdb")
    return json.loads((target / "manifest.json").read_text())  # type: ignore[no-any-return]


def rows(warehouse: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    """Run one query read-only against a warehouse file."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A warehouse built once per test run, however many pytest-xdist workers need it: the first to
    ask builds it, holding a file lock in the run's shared temporary folder; the others wait for the
    lock and read the same file. Tests only read it (DuckDB lets many processes read one file): a
    test that writes, or runs dbt, works on copy_of() it."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the folder every worker's own temporary folder is in
    folder = shared / f"built-once-{name}"
    folder.mkdir(exist_ok=True)
    warehouse = folder / "warehouse.duckdb"
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not (folder / "built").exists():
                build(warehouse)
                (folder / "built").touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return warehouse


def _build_whole(warehouse: Path) -> None:
    run_dbt(["seed", "--full-refresh"], warehouse)
    run_dbt(["build", "--exclude-resource-type", "seed"], warehouse)


@pytest.fixture(scope="session")
def full_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data loaded whole and built once from scratch (read only: see built_once)."""
    return built_once(tmp_path_factory, "full", _build_whole)


@pytest.fixture(scope="session")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data loaded batch by batch (`_loaded_at`), with a build after each batch (read
    only: see built_once)."""
    return built_once(tmp_path_factory, "replay", lambda warehouse: replay(warehouse, progress=lambda _: None))


def copy_into(warehouse: Path, folder: Path) -> Path:
    """A copy of a warehouse file in `folder` (made if need be), under the same file name: builds of
    files of one name share dbt's partial parsing (see dwh.dbt.warehouse_env)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / warehouse.name
    shutil.copy(warehouse, target)
    return target


@pytest.fixture()
def copy_of(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Copy a warehouse file so a test can change it without disturbing the session's builds."""

    def _copy(warehouse: Path) -> Path:
        return copy_into(warehouse, tmp_path)

    return _copy


def differences(left: Path, right: Path, table: str, columns: str = "*") -> tuple[int, int, int]:
    """(rows in left, rows only in left, rows only in right) of one table in two warehouse files."""
    with duckdb.connect() as con:
        con.execute(f"attach '{left}' as l (read_only)")
        con.execute(f"attach '{right}' as r (read_only)")
        only_left = con.execute(
            f"select count(*) from (select {columns} from l.{table} except all select {columns} from r.{table})"
        ).fetchall()[0][0]
        only_right = con.execute(
            f"select count(*) from (select {columns} from r.{table} except all select {columns} from l.{table})"
        ).fetchall()[0][0]
        total = con.execute(f"select count(*) from l.{table}").fetchall()[0][0]
    return int(total), int(only_left), int(only_right)


def domain_build(domain: str) -> list[str]:
    """`dbt build` of one domain and the shared dimensions, as another loader runs it: no seeds
    (raw is filled by the loader), and only tests whose every parent is built."""
    return ["build", "--exclude-resource-type", "seed", "--select", *build_selection(domain),
            "--indirect-selection", "cautious"]


def new_domain_warehouse(warehouse: Path, domain: str) -> None:
    """A warehouse with the domain's raw tables (the input contract, empty) and the reference data."""
    with duckdb.connect(str(warehouse)) as con:
        create_raw_tables(con, domain)
    run_dbt(["seed", "--select", "path:seeds/reference"], warehouse, artifacts=False)


def load_and_build(warehouse: Path, domain: str, sql: str) -> None:
    """Land one batch of hand-made rows straight into raw (SQL inserts), then build the domain."""
    with duckdb.connect(str(warehouse)) as con:
        con.execute(sql)
    run_dbt(domain_build(domain), warehouse, artifacts=False)


def built_batch_by_batch(folder: Path, domain: str, *batches: str) -> dict[int, Path]:
    """A new warehouse of the domain in `folder`, each batch of hand-made rows loaded straight into
    raw and built in turn; a copy of the warehouse after each batch, by batch number (from 1)."""
    warehouse = folder / "warehouse.duckdb"
    new_domain_warehouse(warehouse, domain)
    after: dict[int, Path] = {}
    for number, sql in enumerate(batches, start=1):
        load_and_build(warehouse, domain, sql)
        after[number] = copy_into(warehouse, folder / f"after_batch_{number}")
    return after


def assert_equals_full_refresh(warehouse: Path, domain: str, tables: list[str], scratch: Path) -> None:
    """A full refresh of a copy of `warehouse` gives exactly the rows the incremental runs left (but
    in the build-audit columns, which say which run wrote a row: dwh/manifest.py)."""
    rebuilt = copy_into(warehouse, scratch / f"full_refresh_of_{warehouse.parent.name}")
    run_dbt([*domain_build(domain), "--full-refresh"], rebuilt)
    compared = {built.relation: built.compared for built in  # the manifest the refresh just wrote
                built_relations(Path(os.environ["DBT_TARGET_PATH"]) / "manifest.json")}
    for table in tables:
        assert differences(warehouse, rebuilt, table, compared[table])[1:] == (0, 0), table


@pytest.fixture()
def today(tmp_path: Path) -> Path:
    """A folder with one small day of landing files (every raw table), dated an hour ago."""
    folder = tmp_path / "landing"
    write_day(folder, datetime.now(UTC).replace(tzinfo=None, microsecond=0) - timedelta(hours=1))
    return folder


def dwh(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m dwh ARGS` in the project folder, as a scheduler would."""
    return subprocess.run([sys.executable, "-m", "dwh", *args], cwd=PROJECT_DIR, capture_output=True, text=True)
