"""Building the project on the other engines (PostgreSQL, Spark) the way it is built on DuckDB, and
reading their marts back for comparison. Used by pytests/test_engines.py (`make test-engines`) and
bench/engines.py (`make bench-engines`).

The sample raw data is seeded into a holding schema and released into `raw` in two load batches
(macros/engines/release_sample_batch.sql), each domain's split at the middle of its own load
stamps, with a build after each: the first builds the models
and snapshots, the second everything with the tests. So the incremental models run their
incremental path (on the engines that have one) and the CRM history sees two exports.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import time
from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from dwh.dbt import PROJECT_DIR, run_dbt
from dwh.manifest import built_relations
from dwh.registry import DOMAINS, SAMPLE_SEEDS

ENGINES = ("postgres", "spark")
HOLDING = "sample_holding"
LAST = "2099-12-31 00:00:00"
Row = tuple[Any, ...]


def script(engine: str, action: str) -> None:
    """scripts/<engine>.sh install | start | stop."""
    subprocess.run([str(PROJECT_DIR / "scripts" / f"{engine}.sh"), action], check=True, cwd=PROJECT_DIR)


def first_batch_ends(sample_dir: Path = PROJECT_DIR / SAMPLE_SEEDS) -> dict[str, str]:
    """Where each domain's first batch ends: the middle one of its sample's load stamps, so every
    domain lands in both batches whatever dates its sample covers."""
    ends = {}
    for name in DOMAINS:
        stamps: set[str] = set()
        for seed in (sample_dir / name).glob("*.csv"):
            with seed.open(newline="", encoding="utf-8") as handle:
                stamps.update(row["_loaded_at"] for row in csv.DictReader(handle))
        ordered = sorted(stamps)
        if len(ordered) < 2:
            raise ValueError(f"the {name} sample has {len(ordered)} load stamp(s): the engine builds land each "
                             f"domain in two batches, so its generator must stamp rows at two times or more")
        ends[name] = ordered[(len(ordered) - 1) // 2]
    return ends


def build_in_two_batches(target: str, warehouse: Path, target_path: Path) -> dict[str, float]:
    """Seed the sample into the holding schema, release it into raw in two batches and build after
    each; returns the seconds each step took. The manifest lands in `target_path`."""
    previous = os.environ.get("DBT_TARGET")
    os.environ["DBT_TARGET"] = target
    common = ["--target-path", str(target_path)]
    seconds: dict[str, float] = {}
    try:
        clock = time.monotonic()
        run_dbt(["seed", "--full-refresh", "--vars", json.dumps({"sample_data_schema": HOLDING}), *common], warehouse)
        seconds["seed"] = time.monotonic() - clock
        first = first_batch_ends()
        for number, (after, up_to) in enumerate([({}, first), (first, dict.fromkeys(first, LAST))], start=1):
            batch = {"holding": HOLDING, "up_to": up_to, "after": after}
            run_dbt(["run-operation", "release_sample_batch", "--args", json.dumps(batch), *common], warehouse)
            clock = time.monotonic()
            if number == 1:
                run_dbt(["build", "--exclude", "tag:sample_data", "--exclude-resource-type", "test", "unit_test",
                         *common], warehouse)
            else:
                run_dbt(["build", "--exclude", "tag:sample_data", *common], warehouse)
            seconds[f"build {number}"] = time.monotonic() - clock
    finally:
        if previous is None:
            os.environ.pop("DBT_TARGET", None)
        else:
            os.environ["DBT_TARGET"] = previous
    return seconds


def normal(value: Any) -> Any:
    """A value as every engine should agree on it: floats to 9 significant digits, times as ISO text."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float | Decimal):
        return float(f"{float(value):.9g}")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] in " T" and value[13] == ":":
        return value.replace("T", " ").removesuffix(".000000").removesuffix(".0")  # a timestamp as text
    return value


def read_table(target: str, warehouse: Path, schema: str, table: str, columns: list[str]) -> Counter[Row]:
    """Every row of one table on one engine, normalised, as a multiset."""
    query = f"select {', '.join(columns)} from {schema}.{table}"
    fetched: list[Any]
    if target == "duckdb":
        import duckdb

        with duckdb.connect(str(warehouse), read_only=True) as con:
            fetched = con.execute(query).fetchall()
    elif target == "postgres":
        import psycopg2  # type: ignore[import-untyped]

        with psycopg2.connect(host=os.environ.get("POSTGRES_HOST", "127.0.0.1"),
                              port=int(os.environ.get("POSTGRES_PORT", "55432")),
                              user=os.environ.get("POSTGRES_USER", "warehouse"),
                              password=os.environ.get("POSTGRES_PASSWORD", "warehouse"),
                              dbname=os.environ.get("POSTGRES_DB", "warehouse")) as con, con.cursor() as cursor:
            cursor.execute(query)
            fetched = cursor.fetchall()
    else:
        from pyhive import hive  # type: ignore[import-untyped]

        cursor = hive.connect(host=os.environ.get("SPARK_HOST", "127.0.0.1"),
                              port=int(os.environ.get("SPARK_PORT", "10000")), username="warehouse").cursor()
        cursor.execute(query)
        fetched = cursor.fetchall()
    return Counter(tuple(normal(v) for v in row) for row in fetched)


def marts(manifest_path: Path) -> list[tuple[str, str, list[str]]]:
    """(schema, relation, compared columns) of every mart (a model under models/marts), from the
    manifest. The build-audit columns (dwh/manifest.py) are left out: they say how a row was built,
    e.g. by which incremental run, and Spark rebuilds those models whole."""
    manifest = json.loads(manifest_path.read_text())
    found = []
    for built in built_relations(manifest):
        if manifest["nodes"][built.unique_id]["original_file_path"].startswith("models/marts/"):
            schema, relation = built.relation.split(".")
            found.append((schema, relation, [c for c in built.columns if c not in built.build_audit]))
    return found
