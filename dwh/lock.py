"""One run at a time per warehouse file.

DuckDB lets one process write a file at a time, but dbt opens and closes the file for every node,
so two overlapping builds interleave: the second takes the file between two nodes of the first,
and the first fails with half-built marts. Every `dwh` command that writes a warehouse (and the
make targets, which call them) therefore holds an exclusive lock on `<warehouse>.lock` for the
whole run. A second run waits for it (`--wait SECONDS`) or is refused at once with a message that
names the holder: its process id, its command and since when it runs.

The lock is an advisory `flock`: the operating system releases it when the holder exits, however
it exits (SIGKILL included), so a crashed run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import json
import os
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
