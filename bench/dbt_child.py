"""Run one dbt command in this (child) process and report what it cost, as one JSON line.

    python -m bench.dbt_child WAREHOUSE TARGET_PATH -- <dbt args>

The benchmarks run dbt through this so that each run's peak memory is its own: the kernel's
high-water mark of this process's resident memory (VmHWM), which includes DuckDB's buffers.
Prints {"wall": seconds, "peak_rss_mb": megabytes, "success": bool}.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main(argv: list[str]) -> int:
    warehouse, target, separator, *dbt_args = argv
    assert separator == "--", "usage: python -m bench.dbt_child WAREHOUSE TARGET_PATH -- <dbt args>"
    os.environ["WAREHOUSE_PATH"] = warehouse
    os.environ["DBT_TARGET_PATH"] = target
    from dbt.cli.main import dbtRunner

    from dwh.dbt import PROJECT_DIR

    started = time.perf_counter()
    result = dbtRunner().invoke([*dbt_args, "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR),
                                 "--quiet"])
    print(json.dumps({"wall": time.perf_counter() - started, "peak_rss_mb": peak_rss_mb(),
                      "success": bool(result.success)}))
    return 0 if result.success else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
