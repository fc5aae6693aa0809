"""The daily run a scheduler drives: load the landing folder, build (whose on-run-start hook checks the
input contract first), check freshness. One line per step with counts and seconds; the exit code
says which step failed.

The exit codes and what each means are written once, in dwh/exits.py (`dwh run --help` lists
them; the README's table explains them): 0 ok, 1 a bug or the machine, 3 busy, 4 load, 5
contract, 6 build, 7 freshness.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dwh.dbt import BUILD_LOADED, DbtError, run_dbt, statuses
from dwh.exits import Exit
from dwh.landing import ContractBroken, StampError, load

# What the engine says when the machine, not the data, is at fault (DuckDB, PostgreSQL, the OS)
# (compared without case)
MACHINE_FAULTS = ("no space left on device", "disk quota exceeded", "could not extend file", "out of memory",
                  "cannot allocate memory")


@dataclass
class StepFailed(Exception):
    """A step of the run failed: which one, the exit code, and what to tell the operator."""

    step: str
    code: Exit
    message: str

    def __str__(self) -> str:
        return f"{self.step} FAILED: {self.message}"


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{count} {status}" for status, count in sorted(counter.items())) or "nothing to do"


def machine_fault(step: str, error: BaseException) -> StepFailed | None:
    """The step's failure as the machine's (exit 1), when the error says the disk is full or memory
    ran out: the data and the models are not at fault, and the same run passes once there is room."""
    said = next((line.strip() for line in str(error).splitlines()
                 if any(fault in line.lower() for fault in MACHINE_FAULTS)), None)
    if said is None:
        return None
    kind = "memory ran out" if "memory" in said.lower() else "the disk is full"
    return StepFailed(step, Exit.UNEXPECTED, f"the machine: {kind} ({said[:300]}). Nothing was lost: free "
                                             f"room and run again (`dbt retry` resumes a build from its failed nodes)")


def load_step(warehouse: Path, landing: Path, say: Callable[[str], None]) -> None:
    import duckdb

    clock = time.monotonic()
    try:
        report = load(warehouse, landing)
    except ContractBroken as error:
        raise StepFailed("contract", Exit.CONTRACT, str(error)) from error
    except (StampError, FileNotFoundError) as error:
        raise StepFailed("load", Exit.LOAD, str(error)) from error
    except (OSError, duckdb.Error) as error:
        fault = machine_fault("load", error)
        if fault is None:
            raise
        raise fault from error
    say(f"load: {len(report.files)} files at {report.stamp:%Y-%m-%d %H:%M:%S}: {report.count('loaded')} loaded "
        f"({report.rows_loaded} rows), {report.count('skipped')} already loaded, {report.count('refused')} refused; "
        f"{report.lines_rejected} lines rejected (landing.rejected_lines) ({time.monotonic() - clock:.1f} s)")
    if report.refused:
        names = "; ".join(f"{f.file_name}: {f.message}" for f in report.refused)
        raise StepFailed("load", Exit.LOAD, f"{len(report.refused)} file(s) refused: {names}")


# How check_input_contract (the build's on-run-start hook) begins its message
CONTRACT_BROKEN = "The input contract is broken"


def build_step(warehouse: Path, say: Callable[[str], None]) -> None:
    """The build. Its on-run-start hook checks the input contract once, before any model runs
    (macros/contracts/check_input_contract.sql): a broken contract is the contract step's failure."""
    clock = time.monotonic()
    try:
        result = run_dbt(BUILD_LOADED, warehouse)
    except DbtError as error:
        fault = machine_fault("build", error)
        if fault:
            raise fault from error
        if CONTRACT_BROKEN in str(error):
            said = str(error)[str(error).index(CONTRACT_BROKEN):]
            raise StepFailed("contract", Exit.CONTRACT, said) from error
        where = ", ".join(error.nodes) or (f"dbt stopped after {error.finished} node(s) had finished"
                                           if error.finished else "before any node ran")
        raise StepFailed("build", Exit.BUILD, f"{where}: {error}. Fix the cause, then `dbt retry` "
                         f"(or run again) resumes from the failed nodes") from error
    say(f"build: the input contract kept; {sum(statuses(result).values())} nodes: {_counts(statuses(result))} "
        f"({time.monotonic() - clock:.1f} s)")


def freshness_step(warehouse: Path, say: Callable[[str], None]) -> None:
    clock = time.monotonic()
    try:
        result = run_dbt(["source", "freshness"], warehouse)
    except DbtError as error:
        stale = ", ".join(error.nodes) or str(error)
        raise StepFailed("freshness", Exit.STALE, f"older than their error threshold: {stale}") from error
    counted = statuses(result)
    say(f"freshness: {sum(counted.values())} raw tables: {_counts(counted)} ({time.monotonic() - clock:.1f} s)")


def daily_run(warehouse: Path, landing: Path | None, say: Callable[[str], None]) -> Exit:
    """Run every step; on the first failure, say why and return its exit code."""
    started = time.monotonic()
    try:
        if landing is not None:
            load_step(warehouse, landing, say)
        build_step(warehouse, say)
        freshness_step(warehouse, say)
    except StepFailed as failed:
        say(str(failed))
        say(f"run: FAILED at {failed.step} (exit {int(failed.code)}) after {time.monotonic() - started:.1f} s")
        return failed.code
    say(f"run: ok ({time.monotonic() - started:.1f} s)")
    return Exit.OK
