"""Shared fixtures: every build goes into a temporary DuckDB file, never warehouse.duckdb."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dwh.dbt import PROJECT_DIR, run_dbt
from dwh.replay import replay

SEED_DIR = PROJECT_DIR / "seeds"


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


def rows(warehouse: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    """Run one query read-only against a warehouse file."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="session")
def full_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data loaded whole and built once from scratch."""
    warehouse = tmp_path_factory.mktemp("full") / "warehouse.duckdb"
    run_dbt(["seed", "--full-refresh"], warehouse)
    run_dbt(["build", "--exclude-resource-type", "seed"], warehouse)
    return warehouse


@pytest.fixture(scope="session")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data loaded batch by batch (`_loaded_at`), with a build after each batch."""
    warehouse = tmp_path_factory.mktemp("replay") / "warehouse.duckdb"
    replay(warehouse, progress=lambda _: None)
    return warehouse


@pytest.fixture()
def copy_of(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Copy a warehouse file so a test can change it without disturbing the session's builds."""

    def _copy(warehouse: Path) -> Path:
        target = tmp_path / warehouse.name
        shutil.copy(warehouse, target)
        return target

    return _copy
