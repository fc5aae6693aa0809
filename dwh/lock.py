"""One run at a time per warehouse file.

DuckDB lets one process write a file at a time, but dbt opens and closes the file for every node,
so two overlapping builds interleave: the second takes the file between two nodes of the first,
and the first fails with half-built marts. Every `dwh` command that writes a warehouse (and the
make targets, which call them) therefore holds an exclusive lock on `<warehouse>.lock` for the
whole run. A second run waits for it (`--wait SECONDS`) or is refused at once with a message that
names the holder: its process id, its command and since when it runs.

The lock is an advisory `flock`: the operating system releases it when the holder exits, however
it exits (SIGKILL included), so a crashed run never leaves a stale lock behind.

Readers do not take that lock: a notebook or a BI tool opens the DuckDB file itself, read-only,
and DuckDB then refuses every writer. So a run also holds the file (`holding_file`): it opens
it once, before its first step, and keeps it open to its end, so no reader can take the file
between two steps or two dbt nodes (every connection dbt and the loader open in the run's
process shares that open database). A reader who holds the file when a run starts makes the run
wait (`--wait`) or be refused as busy, naming the reader's process; a reader who comes during a
run is refused by DuckDB ("Could not set lock") until the run ends.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse."""


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def _holder(handle: int) -> str:
    os.lseek(handle, 0, os.SEEK_SET)
    raw = os.read(handle, 4096).decode("utf-8", errors="replace")
    try:
        info = json.loads(raw)
        return f"pid {info['pid']} on {info['host']} (`{info['command']}`, since {info['since']})"
    except (ValueError, KeyError, TypeError):
        return "another process (it left no details)"


@contextmanager
def warehouse_lock(warehouse: Path, command: str | None = None, wait: float = 0.0) -> Iterator[None]:
    """Hold the warehouse's lock for the block; wait up to `wait` seconds for it, else WarehouseBusy."""
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    waited = f" after waiting {wait:.0f} s" if wait else ""
                    raise WarehouseBusy(f"warehouse {warehouse} is busy{waited}: held by {_holder(handle)}. "
                                        f"Let that run finish, or pass --wait SECONDS to queue behind it.") from None
                time.sleep(0.2)
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "command": command or " ".join(["dwh", *sys.argv[1:]]),
                "since": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")}
        os.ftruncate(handle, 0)
        os.lseek(handle, 0, os.SEEK_SET)
        os.write(handle, json.dumps(info).encode())
        try:
            yield
        finally:
            os.ftruncate(handle, 0)
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def _process(pid: str) -> str:
    """A process's command line, as far as this machine shows it."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        command = ""
    return f"pid {pid} (`{command}`)" if command else f"pid {pid}"


def file_holder(message: str) -> str | None:
    """The process DuckDB names in a "Could not set lock" error, or None for any other error."""
    if "Could not set lock" not in message:
        return None
    found = re.search(r"\(PID (\d+)\)", message)
    return _process(found.group(1)) if found else "another process"


@contextmanager
def holding_file(warehouse: Path, wait: float = 0.0) -> Iterator[None]:
    """Keep the DuckDB file open (read-write) for the block, so that no other process can open it,
    not even to read, until the block ends. Wait up to `wait` seconds for a process that holds the
    file (a reader) to let it go, else WarehouseBusy naming that process."""
    import duckdb  # here, so that importing dwh.lock stays light

    if os.environ.get("DBT_TARGET", "duckdb") != "duckdb":  # a server's warehouse: no file to hold
        yield
        return
    deadline = time.monotonic() + wait
    while True:
        try:
            guard = duckdb.connect(str(warehouse.resolve()))
            break
        except duckdb.Error as error:
            holder = file_holder(str(error))
            if holder is None:
                raise
            if time.monotonic() >= deadline:
                waited = f" after waiting {wait:.0f} s" if wait else ""
                raise WarehouseBusy(
                    f"warehouse {warehouse} is busy{waited}: {holder} has the file open (a reader holds DuckDB's "
                    f"lock, and a run must hold the file alone). Close that connection, or pass --wait SECONDS "
                    f"to wait for it.") from None
            time.sleep(0.5)
    try:
        yield
    finally:
        guard.close()
