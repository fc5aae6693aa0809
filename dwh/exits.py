"""The exit codes of every `dwh` command, in one light module (importing it loads neither dbt nor
DuckDB), so that the CLI's help can list them and a scheduler can rely on them."""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    UNEXPECTED = 1
    USAGE = 2
    BUSY = 3
    LOAD = 4
    CONTRACT = 5
    BUILD = 6
    STALE = 7


MEANINGS = {
    Exit.OK: "every step passed (rejected landing lines and warn-level tests are printed, not failures)",
    Exit.UNEXPECTED: "a bug, or the machine: the disk is full or memory ran out (the message says which)",
    Exit.USAGE: "the command line was wrong",
    Exit.BUSY: "busy: another run holds the warehouse, or a reader has the file open (named); --wait waits",
    Exit.LOAD: "load: a landing file was refused, a folder holds only batch folders, or a stamp went backwards",
    Exit.CONTRACT: "contract: a raw table lacks a contract column, holds values of the wrong type, has rows "
                   "without _loaded_at, or got rows stamped back in time; no model ran",
    Exit.BUILD: "build: a model, snapshot or test failed (named); `dbt retry` resumes",
    Exit.STALE: "freshness: a raw table is older than its error threshold",
}


def exit_codes_text() -> str:
    """The exit codes, one per line, for a help text."""
    return "exit codes:\n" + "\n".join(f"  {int(code)}  {meaning}" for code, meaning in MEANINGS.items())
