"""The same project on PostgreSQL and Spark: every mart equals DuckDB's, row for row.

`make test-engines` runs this module (it is marked `engines`, so `make test` leaves it out). It
installs and starts a throw-away PostgreSQL server and a Spark cluster (a standalone master, two
workers and the Thrift server on 127.0.0.1) with the project's own scripts, stops them at the end,
and builds the project on each engine exactly as on DuckDB (dwh/engines.py: the sample released
into `raw` in two load batches, a build after each).

Every mart is read from the manifest and compared as a multiset of rows after normalising what
engines may print differently (floating point to 9 significant digits, times as ISO text);
build-time stamps (`loaded_at`) are left out. A mart that does not match fails the test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dwh.engines import ENGINES, build_in_two_batches, marts, read_table, script

pytestmark = pytest.mark.engines


@pytest.fixture(scope="module")
def engines() -> Iterator[list[str]]:
    """PostgreSQL and Spark installed (when missing) and started; stopped when the module ends."""
    started: list[str] = []
    try:
        for name in ENGINES:
            script(name, "install")
            script(name, "start")
            started.append(name)
        yield ["duckdb", *started]
    finally:
        for name in reversed(started):
            script(name, "stop")


@pytest.fixture(scope="module")
def built(engines: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each engine built from the same sample in two batches: (DuckDB file, manifest)."""
    results = {}
    for target in engines:
        scratch = tmp_path_factory.mktemp(target)
        warehouse = scratch / "warehouse.duckdb"
        seconds = build_in_two_batches(target, warehouse, scratch / "target")
        print(f"{target}: " + ", ".join(f"{step} {value:.1f} s" for step, value in seconds.items()))
        results[target] = (warehouse, scratch / "target" / "manifest.json")
    return results


@pytest.mark.parametrize("target", ENGINES)
def test_every_mart_matches_duckdb(target: str, built: dict[str, tuple[Path, Path]]) -> None:
    reference, manifest = built["duckdb"]
    warehouse, _ = built[target]
    found = marts(manifest)
    assert len(found) >= 12
    mismatched = {}
    for schema, table, columns in found:
        expected = read_table("duckdb", reference, schema, table, columns)
        actual = read_table(target, warehouse, schema, table, columns)
        assert sum(expected.values()) > 0, f"{schema}.{table} is empty on DuckDB"
        if expected != actual:
            missing, extra = expected - actual, actual - expected
            mismatched[f"{schema}.{table}"] = (sum(missing.values()), sum(extra.values()),
                                               list(missing)[:2], list(extra)[:2])
    assert mismatched == {}, json.dumps(mismatched, indent=1, default=str)
