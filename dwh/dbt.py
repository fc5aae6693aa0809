"""Running dbt from Python, in process, against a chosen warehouse file."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from dbt.cli.main import dbtRunner, dbtRunnerResult

PROJECT_DIR = Path(__file__).resolve().parent.parent


class DbtError(RuntimeError):
    """A dbt command failed; the message names the command and the failing nodes.

    `failures` maps each failing node's name to the rows it reported (tests) or 0 (errors)."""

    def __init__(self, message: str, failures: dict[str, int]) -> None:
        super().__init__(message)
        self.failures = failures


@contextmanager
def warehouse_env(warehouse: Path) -> Iterator[None]:
    """Point the profile at `warehouse` for the duration of the block."""
    previous = os.environ.get("WAREHOUSE_PATH")
    os.environ["WAREHOUSE_PATH"] = str(warehouse)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("WAREHOUSE_PATH", None)
        else:
            os.environ["WAREHOUSE_PATH"] = previous


def run_dbt(args: Sequence[str], warehouse: Path, project_dir: Path = PROJECT_DIR) -> dbtRunnerResult:
    """Run one dbt command on `warehouse`; raise DbtError unless it succeeded."""
    argv = [*args, "--project-dir", str(project_dir), "--profiles-dir", str(project_dir), "--quiet"]
    with warehouse_env(warehouse):
        result = dbtRunner().invoke(argv)
    if not result.success:
        failures: dict[str, int] = {}
        lines = []
        for node in getattr(result.result, "results", None) or []:
            if str(node.status) in {"error", "fail"}:
                failures[node.node.name] = int(node.failures or 0)
                lines.append(f"{node.node.unique_id}: {node.message}")
        detail = "; ".join(lines) or str(result.exception)
        raise DbtError(f"dbt {' '.join(args)} failed: {detail}", failures)
    return result
