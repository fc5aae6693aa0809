"""Benchmark: the same project built on DuckDB, PostgreSQL and Spark, side by side in one run.

    .venv/bin/python -m bench.engines        # make bench-engines

Starts PostgreSQL and the Spark cluster with the project's scripts (stopping them at the end),
builds the sample on each engine in two load batches exactly as `make test-engines` does
(dwh/engines.py), and writes bench/results/engines.{json,md}: the seconds of each step (seeding
the sample, the first build of models and snapshots, the second build with every test) and each
engine's total as a multiple of DuckDB's.
"""

from __future__ import annotations

import json
import os
import platform
import tempfile
from pathlib import Path

from dwh.engines import ENGINES, build_in_two_batches, script

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> int:
    seconds: dict[str, dict[str, float]] = {}
    started: list[str] = []
    try:
        for engine in ENGINES:
            script(engine, "install")
            script(engine, "start")
            started.append(engine)
        with tempfile.TemporaryDirectory(prefix="bench-engines-") as scratch:
            for target in ("duckdb", *ENGINES):
                folder = Path(scratch) / target
                seconds[target] = build_in_two_batches(target, folder / "warehouse.duckdb", folder / "target")
                print(target, seconds[target], flush=True)
    finally:
        for engine in reversed(started):
            script(engine, "stop")

    total = {target: sum(steps.values()) for target, steps in seconds.items()}
    machine = f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores"
    lines = [
        f"The sample built in two load batches on each engine ({machine}; Spark: a standalone master, two "
        "one-core workers and the Thrift server on the same machine).",
        "",
        "| engine | seed the sample | build 1 (models, snapshots) | build 2 (everything, with tests) | total "
        "| x DuckDB |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for target, steps in seconds.items():
        lines.append(f"| {target} | {steps['seed']:.1f} s | {steps['build 1']:.1f} s | {steps['build 2']:.1f} s | "
                     f"{total[target]:.1f} s | {total[target] / total['duckdb']:.1f}x |")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "engines.json").write_text(json.dumps({"seconds": seconds, "machine": machine}, indent=2) + "\n")
    (RESULTS / "engines.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
