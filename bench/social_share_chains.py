"""Benchmark: resolving share chains at scale, side by side in one run.

    .venv/bin/python -m bench.social_share_chains            # scale 1.0: ~3M posts (make bench)
    .venv/bin/python -m bench.social_share_chains --scale 0.01

1. A full build of dim_posts (and the staging model it reads) on the scale data set.
2. An incremental run after a later load batch adds 1 % new shares.
3. A full refresh on the same data, which must give the same rows as the incremental run.
4. A plain recursive CTE that walks every chain from its original down, one level per step,
   over the same staged posts; its answers must agree with dim_posts' healthy chains.

Times are dbt's model execution times from run_results.json (dbt's own start-up and parse are
reported separately as wall time) and the wall time of the recursive query. Ratios are what to
read: machines here are shared and noisy. Results go to bench/results/share_chains.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

import duckdb

from dwh.dbt import run_dbt
from dwh.generators.social_scale import PLAIN_RECURSIVE_SELECT, Scale, add_increment, generate_base

RESULTS = Path(__file__).resolve().parent / "results"
MODELS = ["stg_social__posts", "dim_posts"]

PLAIN_RECURSIVE = f"create or replace table bench_plain_recursive as {PLAIN_RECURSIVE_SELECT}"

AGREEMENT = """
select
    (select count(*) from (
        select post_id, original_post_id, share_depth_level, share_path from bench_plain_recursive
        except
        select post_id, original_post_id, share_depth_level, share_path from social.dim_posts
        where chain_status = 'ok')),
    (select count(*) from (
        select post_id, original_post_id, share_depth_level, share_path from social.dim_posts
        where chain_status = 'ok'
        except
        select post_id, original_post_id, share_depth_level, share_path from bench_plain_recursive))
"""


def dbt_run(args: list[str], warehouse: Path, target: Path) -> dict[str, float]:
    """Run dbt; return each model's execution seconds plus 'wall' for the whole invocation."""
    previous = os.environ.get("DBT_TARGET_PATH")
    os.environ["DBT_TARGET_PATH"] = str(target)
    try:
        started = time.perf_counter()
        run_dbt(args, warehouse)
        wall = time.perf_counter() - started
    finally:
        if previous is None:
            os.environ.pop("DBT_TARGET_PATH", None)
        else:
            os.environ["DBT_TARGET_PATH"] = previous
    results = json.loads((target / "run_results.json").read_text())["results"]
    timings = {r["unique_id"].split(".")[-1]: float(r["execution_time"]) for r in results}
    timings["wall"] = wall
    return timings


def table_differences(warehouse: Path, left: str, right: str) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return int(con.execute(
            f"select (select count(*) from (select * from {left} except select * from {right})) "
            f"+ (select count(*) from (select * from {right} except select * from {left}))").fetchall()[0][0])


def run(scale_factor: float, workdir: Path) -> dict[str, object]:
    scale = Scale.of(scale_factor)
    warehouse = workdir / "bench.duckdb"
    target = workdir / "target"
    with duckdb.connect(str(warehouse)) as con:
        started = time.perf_counter()
        generate_base(con, scale)
        generated = time.perf_counter() - started
    run_dbt(["seed", "--select", "path:seeds/reference"], warehouse)

    full = dbt_run(["run", "--select", *MODELS, "--full-refresh"], warehouse, target)
    with duckdb.connect(str(warehouse)) as con:
        added = add_increment(con, scale)
    incremental = dbt_run(["run", "--select", *MODELS], warehouse, target)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create or replace table main.bench_incremental_dim_posts as select * from social.dim_posts")
    full_again = dbt_run(["run", "--select", *MODELS, "--full-refresh"], warehouse, target)
    differences = table_differences(warehouse, "main.bench_incremental_dim_posts", "social.dim_posts")

    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"set memory_limit = '{os.environ.get('DUCKDB_MEMORY_LIMIT', '4GB')}'")
        con.execute(f"set threads = {os.environ.get('DUCKDB_THREADS', '2')}")
        started = time.perf_counter()
        con.execute(PLAIN_RECURSIVE)
        plain = time.perf_counter() - started
        only_plain, only_dim = con.execute(AGREEMENT).fetchall()[0]
        posts, deepest = con.execute(
            "select count(*), max(share_depth_level) from social.dim_posts").fetchall()[0]
        viral = con.execute("select count(*) from social.dim_posts where original_post_id = 'v0' "
                            "and not is_original").fetchall()[0][0]

    full_model = full["dim_posts"]
    return {
        "scale": scale_factor,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, DuckDB threads "
                   f"{os.environ.get('DUCKDB_THREADS', '2')}",
        "posts": int(posts),
        "posts_added_by_increment": added,
        "viral_original_shares": int(viral),
        "deepest_chain": int(deepest),
        "generate_seconds": round(generated, 2),
        "full_build": {k: round(v, 2) for k, v in full.items()},
        "incremental_1pct": {k: round(v, 2) for k, v in incremental.items()},
        "full_build_after_increment": {k: round(v, 2) for k, v in full_again.items()},
        "plain_recursive_cte_seconds": round(plain, 2),
        "ratios": {
            "incremental_over_full_dim_posts": round(incremental["dim_posts"] / full_model, 4),
            "incremental_over_full_staging_and_dim_posts": round(
                (incremental["dim_posts"] + incremental["stg_social__posts"])
                / (full_model + full["stg_social__posts"]), 4),
            "incremental_over_full_wall": round(incremental["wall"] / full["wall"], 4),
            "plain_recursive_over_full_dim_posts": round(plain / full_model, 2),
        },
        "checks": {
            "incremental_rows_differing_from_full_refresh": differences,
            "plain_recursive_rows_not_in_dim_posts": int(only_plain),
            "dim_posts_ok_rows_not_in_plain_recursive": int(only_dim),
        },
    }


def markdown(result: dict[str, object]) -> str:
    full, inc = result["full_build"], result["incremental_1pct"]
    ratios, checks = result["ratios"], result["checks"]
    assert isinstance(full, dict) and isinstance(inc, dict) and isinstance(ratios, dict) and isinstance(checks, dict)
    return "\n".join([
        f"Share chains at scale {result['scale']}: {result['posts']:,} posts, one original shared "
        f"{result['viral_original_shares']:,} times, deepest chain {result['deepest_chain']:,} levels "
        f"({result['machine']}).",
        "",
        "| run | dim_posts model time | staging model time | dbt wall time |",
        "| --- | --- | --- | --- |",
        f"| full build | {full['dim_posts']} s | {full['stg_social__posts']} s | {full['wall']:.1f} s |",
        f"| incremental, +{result['posts_added_by_increment']:,} shares (1 %) | {inc['dim_posts']} s | "
        f"{inc['stg_social__posts']} s | {inc['wall']:.1f} s |",
        f"| plain recursive CTE, same data | {result['plain_recursive_cte_seconds']} s | | |",
        "",
        f"Incremental / full (dim_posts): {ratios['incremental_over_full_dim_posts']:.1%}; "
        f"(staging + dim_posts): {ratios['incremental_over_full_staging_and_dim_posts']:.1%}; "
        f"wall: {ratios['incremental_over_full_wall']:.1%}. "
        f"Plain recursive CTE / full build: {ratios['plain_recursive_over_full_dim_posts']}x.",
        "Checks: incremental vs full refresh rows differing: "
        f"{checks['incremental_rows_differing_from_full_refresh']}; "
        f"plain recursive vs dim_posts (healthy chains) rows differing: "
        f"{checks['plain_recursive_rows_not_in_dim_posts'] + checks['dim_posts_ok_rows_not_in_plain_recursive']}.",
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 1M-share original, 10,000-deep chain")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for share_chains.json and .md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-share-chains-") as workdir:
        result = run(args.scale, Path(workdir))
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.scale == 1.0 else f"_scale_{args.scale}"
    (args.out / f"share_chains{suffix}.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.out / f"share_chains{suffix}.md").write_text(markdown(result))
    print(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
