"""Command-line interface: `python -m dwh <command>`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from dwh.generators import company_activity, social

PROJECT_DIR = Path(__file__).resolve().parent.parent


def _generate(args: argparse.Namespace) -> int:
    out = Path(args.out)
    for domain in args.domain:
        result = GENERATORS[domain](out, args.seed)
        for table, rows in result.counts.items():
            print(f"{domain}.{table}: {rows} rows -> {out / domain / (table + '.csv')}")
    return 0


def _replay(args: argparse.Namespace) -> int:
    from dwh.replay import replay  # imports dbt: keep `generate` light

    warehouse = Path(args.warehouse).resolve()
    stamps = replay(warehouse)
    print(f"replayed {len(stamps)} load batches into {warehouse}")
    return 0


def _generate_scale(args: argparse.Namespace) -> int:
    import duckdb

    from dwh.generators.social_scale import Scale, add_increment, generate_base

    scale = Scale.of(args.scale)
    with duckdb.connect(str(Path(args.warehouse).resolve())) as con:
        if args.increment:
            added = add_increment(con, scale, args.seed)
            print(f"social scale increment: {added:,} new shares appended to raw.raw_posts in {args.warehouse}")
        else:
            written = generate_base(con, scale, args.seed)
            print(f"social scale data: {written:,} posts, {scale.events:,} events, {scale.users:,} users "
                  f"written to the raw tables of {args.warehouse}")
    return 0


GENERATORS = {"company_activity": company_activity.generate, "social": social.generate}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dwh", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="write the deterministic sample raw data as seed CSVs")
    gen.add_argument("--seed", type=int, default=42, help="random seed (same seed, same bytes)")
    gen.add_argument("--out", default=str(PROJECT_DIR / "seeds"), help="seed folder (default: seeds/)")
    gen.add_argument("--domain", nargs="+", choices=sorted(GENERATORS), default=sorted(GENERATORS))
    gen.set_defaults(func=_generate)
    big = commands.add_parser("generate-scale",
                              help="write the social scale data set straight into a warehouse's raw tables")
    big.add_argument("--warehouse", required=True, help="DuckDB file whose raw tables receive the rows")
    big.add_argument("--scale", type=float, default=1.0,
                     help="1.0: an original shared 1,000,000 times, a chain 10,000 deep, ~3M posts")
    big.add_argument("--seed", type=int, default=42, help="same seed, same data")
    big.add_argument("--increment", action="store_true", help="append the later batch of 1%% new shares instead")
    big.set_defaults(func=_generate_scale)
    rep = commands.add_parser("replay", help="build the warehouse from scratch one load batch at a time")
    rep.add_argument("--warehouse", default=os.environ.get("WAREHOUSE_PATH", str(PROJECT_DIR / "warehouse.duckdb")),
                     help="DuckDB file to build (default: $WAREHOUSE_PATH or warehouse.duckdb); it is replaced")
    rep.set_defaults(func=_replay)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))
