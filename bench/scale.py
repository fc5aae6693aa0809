"""Benchmark: every domain at scale 1 and 10, each mart held against its physical floor.

    .venv/bin/python -m bench.scale                      # make bench: every domain, scales 1 and 10
    .venv/bin/python -m bench.scale --domain <domain> --scale 1

For each domain and scale, in one run (the machines are shared and noisy: read the ratios):
1. the scale data set written straight into a fresh warehouse's raw tables (DuckDB SQL);
2. a full `dbt build` of the domain's models and snapshots (no tests): model time from
   run_results.json, wall time, and the peak memory of the dbt process;
3. the same models' compiled SQL run directly in DuckDB, in the same order, on a copy of the same
   raw data: dbt's overhead is dbt's time over that;
4. each mart's model time over its floor: one scan-and-group of its deduplicated input;
5. the hand-written baselines the domain names (its scale module's `baselines`: e.g. a seed's naive
   query): their time beside the mart's, and what their answers get wrong;
6. one more day appended (`generate-scale --increment`) and the daily run (what is downstream of
   the domain's sources, views aside: they read live data): its model time as a fraction of the
   full build, and a full refresh that must give the same rows;
and finally scale 10 over scale 1. Results: bench/results/scale.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from dwh.manifest import built_relations
from dwh.registry import build_selection
from dwh.scale import SCALE_DOMAINS

RESULTS = Path(__file__).resolve().parent / "results"
MEMORY_LIMIT = os.environ.get("DUCKDB_MEMORY_LIMIT", "4GB")
THREADS = os.environ.get("DUCKDB_THREADS", "2")

@dataclass
class Run:
    """One dbt invocation: per-node seconds, wall seconds, peak memory."""

    nodes: dict[str, float]
    wall: float
    peak_rss_mb: float
    order: list[dict[str, Any]] = field(default_factory=list)

    @property
    def model_time(self) -> float:
        return sum(self.nodes.values())


def dbt(warehouse: Path, target: Path, args: list[str]) -> Run:
    """dbt in a child process (bench/dbt_child.py), so its peak memory is its own."""
    done = subprocess.run([sys.executable, "-m", "bench.dbt_child", str(warehouse), str(target), "--", *args],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    if done.returncode != 0:
        raise RuntimeError(f"dbt {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    cost = json.loads(done.stdout.strip().splitlines()[-1])
    results = json.loads((target / "run_results.json").read_text())["results"]
    nodes = {r["unique_id"]: float(r["execution_time"]) for r in results
             if r["unique_id"].split(".")[0] in {"model", "snapshot"}}
    return Run(nodes, float(cost["wall"]), float(cost["peak_rss_mb"]), results)


def connect(warehouse: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(warehouse), read_only=read_only)
    con.execute(f"set memory_limit = '{MEMORY_LIMIT}'; set threads = {THREADS}; set preserve_insertion_order = false")
    return con


def timed(con: duckdb.DuckDBPyConnection, sql: str) -> float:
    started = time.perf_counter()
    con.execute(sql)
    return time.perf_counter() - started


def raw_sql_replay(warehouse: Path, manifest: dict[str, Any], order: list[str]) -> float:
    """Run every built node's compiled SQL straight in DuckDB, in dbt's order: seconds in total."""
    total = 0.0
    with connect(warehouse) as con:
        for unique_id in order:
            node = manifest["nodes"][unique_id]
            relation = f"{node['schema']}.{node['alias']}"
            con.execute(f"create schema if not exists {node['schema']}")
            kind = "view" if node["config"]["materialized"] == "view" else "table"
            sql = node["compiled_code"]
            if node["resource_type"] == "snapshot":  # a first snapshot: every row opens a version
                key, updated = node["config"]["unique_key"], node["config"]["updated_at"]
                sql = (f"select *, md5(cast({key} as varchar) || cast({updated} as varchar)) as dbt_scd_id, "
                       f"{updated} as dbt_updated_at, {updated} as dbt_valid_from, "
                       f"cast(null as timestamp) as dbt_valid_to from ({sql}) as snapshot_source")
            con.execute(f"drop view if exists {relation}; drop table if exists {relation}")
            total += timed(con, f"create {kind} {relation} as {sql}")
    return total


def differing_rows(left: Path, right: Path, table: str, columns: str = "*") -> int:
    with duckdb.connect() as con:
        con.execute(f"attach '{left}' as l (read_only); attach '{right}' as r (read_only)")
        one, other = f"select {columns} from l.{table}", f"select {columns} from r.{table}"
        return int(con.execute(f"select (select count(*) from ({one} except all {other})) "
                               f"+ (select count(*) from ({other} except all {one}))").fetchall()[0][0])


def bench_domain(domain: str, factor: float, workdir: Path, say: Callable[[str], None]) -> dict[str, Any]:
    spec = SCALE_DOMAINS[domain]
    # the copy keeps the file name: compiled SQL names the catalog after it
    warehouse, pristine = workdir / "bench.duckdb", workdir / "pristine" / "bench.duckdb"
    target = workdir / "target"
    build = ["build", "--select", *build_selection(domain), "--exclude-resource-type", "test", "unit_test", "seed"]
    # the daily run: what new raw data can change (everything downstream of the domain's sources),
    # without the views, which read live data and need creating only when their SQL changes
    daily = ["build", "--select", f"source:{domain}+", "--exclude", "config.materialized:view",
             "--exclude-resource-type", "test", "unit_test", "seed"]

    with connect(warehouse) as con:
        clock = time.perf_counter()
        rows = spec.generate(con, factor, 42)
        generated = time.perf_counter() - clock
    dbt(warehouse, target, ["seed", "--select", "path:seeds/reference"])
    pristine.parent.mkdir()
    shutil.copy(warehouse, pristine)
    say(f"{domain} scale {factor}: {rows:,} rows generated in {generated:.1f} s")

    full = dbt(warehouse, target, [*build, "--full-refresh"])
    manifest = json.loads((target / "manifest.json").read_text())
    order = [r["unique_id"] for r in full.order if r["unique_id"] in full.nodes]
    say(f"  full build: model time {full.model_time:.1f} s, wall {full.wall:.1f} s, peak {full.peak_rss_mb:.0f} MB")
    raw_seconds = raw_sql_replay(pristine, manifest, order)
    pristine.unlink()
    say(f"  compiled SQL straight in DuckDB: {raw_seconds:.1f} s")

    marts: dict[str, dict[str, float]] = {}
    with connect(warehouse) as con:
        # a floor is written to a table like the mart is: the scan, the group and the write
        con.execute("create schema if not exists bench_floor")
        for mart, floor_sql in spec.floors.items():
            floor = min(timed(con, f"create or replace table bench_floor.{mart} as {floor_sql}") for _ in range(2))
            model = full.nodes[f"model.warehouse.{mart}"]
            marts[mart] = {"model_seconds": round(model, 3), "floor_seconds": round(floor, 3),
                           "over_floor": round(model / floor, 2) if floor > 0 else 0.0}
        con.execute("drop schema bench_floor cascade")
        baselines: dict[str, dict[str, Any]] = {}
        for name, baseline in spec.baselines.items():  # the hand-written queries the domain names
            con.execute("create schema if not exists bench_baseline")
            seconds = min(timed(con, f"create or replace table bench_baseline.{name} as {baseline.sql}")
                          for _ in range(2))
            con.execute("drop schema bench_baseline cascade")
            found: dict[str, Any] = {}
            if baseline.findings:
                cursor = con.execute(baseline.findings)
                found = dict(zip([c[0] for c in cursor.description], cursor.fetchall()[0], strict=True))
            baselines[name] = {"label": baseline.label, "mart": baseline.mart, "seconds": round(seconds, 3),
                               "mart_over_it": round(full.nodes[f"model.warehouse.{baseline.mart}"] / seconds, 2),
                               "findings": {k: int(v) for k, v in found.items()}}

    with connect(warehouse) as con:
        added = spec.increment(con, factor, 42)
    incremental = dbt(warehouse, target, daily)
    say(f"  incremental (+{added:,} rows): model time {incremental.model_time:.2f} s "
        f"= {incremental.model_time / full.model_time:.1%} of the full build")
    # the same daily run again with nothing new: what a run costs before any work (each model
    # still looks for changed rows, and dbt still creates, swaps and comments every relation)
    idle = dbt(warehouse, target, daily)
    say(f"  the same run with nothing new: model time {idle.model_time:.2f} s")
    refreshed = workdir / "refreshed" / "bench.duckdb"
    refreshed.parent.mkdir()
    shutil.copy(warehouse, refreshed)
    dbt(refreshed, workdir / "target_refresh", [*build, "--full-refresh"])
    compared = {built.relation: built.compared for built in built_relations(manifest)}  # build-audit aside
    equal = {table: differing_rows(warehouse, refreshed, table, compared[table]) for table in spec.incremental_tables}
    refreshed.unlink()

    return {
        "domain": domain, "scale": factor, "rows_generated": rows, "generate_seconds": round(generated, 2),
        "full": {"model_seconds": round(full.model_time, 2), "wall_seconds": round(full.wall, 2),
                 "peak_rss_mb": round(full.peak_rss_mb), "raw_sql_seconds": round(raw_seconds, 2),
                 "dbt_over_raw_sql": round(full.wall / raw_seconds, 2),
                 "dbt_model_time_over_raw_sql": round(full.model_time / raw_seconds, 2),
                 "nodes": {k.split(".")[-1]: round(v, 3) for k, v in sorted(full.nodes.items(), key=lambda x: -x[1])}},
        "incremental": {"rows_added": added, "model_seconds": round(incremental.model_time, 3),
                        "wall_seconds": round(incremental.wall, 2),
                        "over_full_model_time": round(incremental.model_time / full.model_time, 4),
                        "nodes": {k.split(".")[-1]: round(v, 3)
                                  for k, v in sorted(incremental.nodes.items(), key=lambda x: -x[1])},
                        "rows_differing_from_full_refresh": equal,
                        "nothing_new_model_seconds": round(idle.model_time, 3),
                        "nothing_new_over_full_model_time": round(idle.model_time / full.model_time, 4),
                        "nothing_new_nodes": {k.split(".")[-1]: round(v, 3)
                                              for k, v in sorted(idle.nodes.items(), key=lambda x: -x[1])}},
        "marts": marts,
        "baselines": baselines,
    }


def slowest(nodes: dict[str, float], count: int = 3) -> str:
    return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in list(nodes.items())[:count])


def markdown(results: list[dict[str, Any]]) -> str:
    lines = [f"Scale benchmark ({platform.machine()}, {len(os.sched_getaffinity(0))} cores, DuckDB threads {THREADS}, "
             f"memory_limit {MEMORY_LIMIT}). Model time from run_results.json; wall time includes dbt's start-up.", ""]
    for domain in dict.fromkeys(r["domain"] for r in results):
        runs = [r for r in results if r["domain"] == domain]
        lines += [f"### {domain}", "", "| | " + " | ".join(f"scale {r['scale']:g}" for r in runs) + " |",
                  "| --- |" + " --- |" * len(runs)]

        def row(label: str, cell: Callable[[dict[str, Any]], str], runs: list[dict[str, Any]] = runs,
                out: list[str] = lines) -> None:
            out.append(f"| {label} | " + " | ".join(cell(r) for r in runs) + " |")

        row("rows generated", lambda r: f"{r['rows_generated']:,}")
        row("full build: model time / wall",
            lambda r: f"{r['full']['model_seconds']} s / {r['full']['wall_seconds']} s")
        row("peak memory (dbt process)", lambda r: f"{r['full']['peak_rss_mb']:,} MB")
        row("compiled SQL straight in DuckDB", lambda r: f"{r['full']['raw_sql_seconds']} s")
        row("dbt wall / raw SQL", lambda r: f"{r['full']['dbt_over_raw_sql']}x")
        row("dbt model time / raw SQL", lambda r: f"{r['full']['dbt_model_time_over_raw_sql']}x")
        row("full build: slowest models", lambda r: slowest(r["full"]["nodes"]))
        row("incremental day: model time", lambda r: f"{r['incremental']['model_seconds']} s "
                                                       f"({r['incremental']['over_full_model_time']:.1%} of full)")
        row("incremental day: slowest models", lambda r: slowest(r["incremental"]["nodes"]))
        row("same run, nothing new: model time",
            lambda r: f"{r['incremental']['nothing_new_model_seconds']} s "
                      f"({r['incremental']['nothing_new_over_full_model_time']:.1%} of full)")
        row("nothing new: slowest models", lambda r: slowest(r["incremental"]["nothing_new_nodes"]))
        row("incremental = full refresh (rows differing)",
            lambda r: str(sum(r["incremental"]["rows_differing_from_full_refresh"].values())))
        for mart in runs[0]["marts"]:
            row(f"{mart}: model / floor", lambda r, m=mart: f"{r['marts'][m]['model_seconds']} s / "
                                                           f"{r['marts'][m]['floor_seconds']} s = "
                                                           f"{r['marts'][m]['over_floor']}x")
        for name, first in runs[0].get("baselines", {}).items():
            row(f"{first['label']}", lambda r, n=name: f"{r['baselines'][n]['seconds']} s")
            row(f"{first['mart']} full build / {name}", lambda r, n=name: f"{r['baselines'][n]['mart_over_it']}x")
            for finding in first["findings"]:
                row(f"{name}: {finding.replace('_', ' ')}",
                    lambda r, n=name, f=finding: f"{r['baselines'][n]['findings'][f]:,}")
        if len(runs) == 2:
            one, ten = runs
            lines.append(f"| scale {ten['scale']:g} / scale {one['scale']:g}, compiled SQL | "
                         f"{ten['full']['raw_sql_seconds'] / one['full']['raw_sql_seconds']:.1f}x | |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--domain", nargs="+", choices=sorted(SCALE_DOMAINS), default=sorted(SCALE_DOMAINS))
    parser.add_argument("--scale", nargs="+", type=float, default=[1.0, 10.0])
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    results = []
    for domain in args.domain:
        for factor in args.scale:
            with tempfile.TemporaryDirectory(prefix=f"bench-{domain}-") as workdir:
                results.append(bench_domain(domain, factor, Path(workdir), lambda m: print(m, flush=True)))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scale.json").write_text(json.dumps(results, indent=2) + "\n")
    (args.out / "scale.md").write_text(markdown(results))
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
