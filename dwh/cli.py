"""Command-line interface: `python -m dwh <command>` (or `dwh <command>`).

Every command that writes a warehouse (load, run, replay, build-once, dbt) holds the warehouse's
lock for the whole run (dwh/lock.py): a second one is refused at once, naming the holder, or waits
with `--wait SECONDS`. Exit codes are those of dwh/exits.py (0 ok, 3 busy, 4 load, 5 contract,
6 build, 7 freshness, 1 anything unexpected, 2 usage).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from dwh.exits import Exit, exit_codes_text
from dwh.lock import WarehouseBusy, holding_file, warehouse_lock
from dwh.registry import DOMAINS, SAMPLE_SEEDS

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_WAREHOUSE = os.environ.get("WAREHOUSE_PATH", str(PROJECT_DIR / "warehouse.duckdb"))


def _say(message: str) -> None:
    print(message, flush=True)


def _generate(args: argparse.Namespace) -> int:
    if args.landing:
        from dwh.landing_sample import write_landing

        with tempfile.TemporaryDirectory() as scratch:
            for domain in DOMAINS.values():
                domain.sample().generate(Path(scratch), args.seed)
            folders = write_landing(Path(scratch), Path(args.landing))
        print(f"{len(folders)} landing batch folders, {sum(folders.values())} files -> {args.landing}")
        return 0
    out = Path(args.out)
    from dwh.contracts import seed_properties

    for name in args.domain:
        result = DOMAINS[name].sample().generate(out, args.seed)
        for table, rows in result.counts.items():
            print(f"{name}.{table}: {rows} rows -> {out / name / (table + '.csv')}")
        (out / name / f"_{name}__seeds.yml").write_text(seed_properties(name))  # their types and descriptions
    return 0


def _domains(args: argparse.Namespace) -> int:
    for domain in DOMAINS.values():
        print(f"{domain.name}: {domain.summary}")
        print(f"  marts (schema {domain.schema}): {', '.join(domain.marts())}")
        print(f"  raw tables (source {domain.source}): {', '.join(domain.raw_tables())}")
        print(f"  dbt build --select {' '.join(domain.selection())} tag:shared")
    return 0


def _load(args: argparse.Namespace) -> int:
    from dwh.daily import StepFailed, load_step

    try:
        load_step(Path(args.warehouse).resolve(), Path(args.landing_dir), _say)
    except StepFailed as failed:
        _say(str(failed))
        return int(failed.code)
    return 0


def _run(args: argparse.Namespace) -> int:
    from dwh.daily import daily_run

    return int(daily_run(Path(args.warehouse).resolve(), Path(args.landing) if args.landing else None, _say))


def _replay(args: argparse.Namespace) -> int:
    from dwh.replay import replay, replay_landing  # imports dbt: keep `generate` light

    warehouse = Path(args.warehouse).resolve()
    if args.landing:
        stamps = replay_landing(warehouse, Path(args.landing), progress=_say)
    else:
        stamps = replay(warehouse, progress=_say)
    print(f"replayed {len(stamps)} load batches into {warehouse}")
    return 0


def _build_once(args: argparse.Namespace) -> int:
    from dwh.replay import build_at_once

    build_at_once(Path(args.warehouse).resolve(), progress=_say)
    return 0


def _dbt(args: argparse.Namespace) -> int:
    from dwh.dbt import DbtError, run_dbt

    try:
        run_dbt(args.dbt_args, Path(args.warehouse).resolve(), quiet=False)
    except DbtError:
        return int(Exit.BUILD)
    return 0


def _generate_scale(args: argparse.Namespace) -> int:
    import duckdb

    from dwh.scale import SCALE_DOMAINS

    spec = SCALE_DOMAINS[args.domain]
    with duckdb.connect(str(Path(args.warehouse).resolve())) as con:
        if args.increment:
            added = spec.increment(con, args.scale, args.seed)
            print(f"{args.domain} scale {args.scale:g}: one more day, {added:,} rows appended to {args.warehouse}")
        else:
            written = spec.generate(con, args.scale, args.seed)
            print(f"{args.domain} scale {args.scale:g}: {written:,} rows written to the raw tables of "
                  f"{args.warehouse} ({spec.describe})")
    return 0


def _stamp(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _warehouse_options(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--warehouse", default=DEFAULT_WAREHOUSE,
                        help=f"DuckDB file {what}; $WAREHOUSE_PATH sets the default")
    parser.add_argument("--wait", type=float, default=float(os.environ.get("WAREHOUSE_LOCK_WAIT", "0")),
                        metavar="SECONDS", help="wait this long for another run to release the warehouse, or "
                                                "for a reader to close the file (0: refuse at once); "
                                                "$WAREHOUSE_LOCK_WAIT sets the default")


class _HelpFormatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """Help that keeps the examples' lines and shows every option's default (none for an option
    without one)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default is None or action.default is False:
            return action.help
        return super()._get_help_string(action)


EXAMPLES = {
    "generate": "dwh generate --landing landing/        # one folder per load batch",
    "domains": "dwh domains",
    "generate-scale": f"dwh generate-scale --domain {next(iter(DOMAINS))} --scale 1 --warehouse big.duckdb",
    "load": "dwh load --warehouse warehouse.duckdb landing/2026-03-16T0600",
    "run": "dwh run --warehouse warehouse.duckdb --landing landing/2026-03-16T0600 --wait 600",
    "replay": "dwh replay --warehouse warehouse.duckdb --landing landing/",
    "build-once": "dwh build-once --warehouse warehouse.duckdb",
    "dbt": "dwh dbt --warehouse warehouse.duckdb -- docs generate --static",
}


def _command(commands: argparse._SubParsersAction, name: str, summary: str,  # type: ignore[type-arg]
             codes: bool = False) -> argparse.ArgumentParser:
    """A subcommand whose --help shows its defaults, an example and (for a run) the exit codes."""
    epilog = f"example:\n  {EXAMPLES[name]}" + (f"\n\n{exit_codes_text()}" if codes else "")
    return commands.add_parser(name, help=summary, description=summary, epilog=epilog,  # type: ignore[no-any-return]
                               formatter_class=_HelpFormatter)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dwh", description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    gen = _command(commands, "generate", "write the deterministic sample raw data as seed CSVs or landing files")
    gen.add_argument("--seed", type=int, default=42, help="random seed (same seed, same bytes)")
    gen.add_argument("--out", default=str(PROJECT_DIR / SAMPLE_SEEDS), help="seed folder (one subfolder per domain)")
    gen.add_argument("--domain", nargs="+", choices=list(DOMAINS), default=list(DOMAINS),
                     help="the domains to write (seed CSVs only)")
    gen.add_argument("--landing", metavar="DIR", help="write landing files instead: one folder per load batch")
    gen.set_defaults(func=_generate)

    doms = _command(commands, "domains", "list the domains (dwh/registry.py): marts, raw tables, dbt selection")
    doms.set_defaults(func=_domains)

    big = _command(commands, "generate-scale", "write a domain's scale data set straight into a warehouse's raw tables")
    big.add_argument("--domain", choices=list(DOMAINS), required=True, help="which domain")
    big.add_argument("--warehouse", required=True, help="DuckDB file whose raw tables receive the rows")
    big.add_argument("--scale", type=float, default=1.0,
                     help="1: the domain's base size, a million rows or more (the command says what it wrote); "
                          "N: N times that")
    big.add_argument("--seed", type=int, default=42, help="same seed, same data")
    big.add_argument("--increment", action="store_true",
                     help="append one more day (with its late, duplicated and bad rows) instead")
    big.set_defaults(func=_generate_scale, locked=True)

    load = _command(commands, "load", "append the files of a landing folder to the raw tables", codes=True)
    _warehouse_options(load, "whose raw tables receive the files")
    load.add_argument("landing_dir", metavar="LANDING_DIR", help="folder of <raw table>__<anything>.csv|.ndjson")
    load.set_defaults(func=_load, locked=True)

    run = _command(commands, "run", "the daily run: load the landing folder, check, build, check freshness", codes=True)
    _warehouse_options(run, "to run")
    run.add_argument("--landing", metavar="DIR", help="landing folder to load first (omit to build what is in raw)")
    run.set_defaults(func=_run, locked=True)

    rep = _command(commands, "replay", "build the warehouse from scratch one load batch at a time")
    _warehouse_options(rep, "to build (it is replaced)")
    rep.add_argument("--landing", metavar="DIR", help="replay landing batch folders (dwh generate --landing) "
                                                      "instead of the seeds")
    rep.set_defaults(func=_replay, locked=True, replaces_file=True)

    once = _command(commands, "build-once", "load all sample data at once and run one dbt build")
    _warehouse_options(once, "to build (it is replaced)")
    once.set_defaults(func=_build_once, locked=True, replaces_file=True)

    dbt = _command(commands, "dbt", "run one dbt command on the warehouse, holding its lock", codes=True)
    _warehouse_options(dbt, "to use")
    dbt.add_argument("dbt_args", nargs=argparse.REMAINDER, metavar="-- DBT ARGS", help="e.g. -- docs generate")
    dbt.set_defaults(func=_dbt, locked=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "dbt_args", None) and args.dbt_args[0] == "--":
        args.dbt_args = args.dbt_args[1:]
    if not getattr(args, "locked", False):
        return int(args.func(args))
    warehouse = Path(args.warehouse).resolve()
    command = " ".join(["dwh", *(argv if argv is not None else sys.argv[1:])])
    from dwh.dbt import DbtError

    wait = getattr(args, "wait", 0.0)
    deadline = time.monotonic() + wait
    try:
        with warehouse_lock(warehouse, command, wait):
            if getattr(args, "replaces_file", False):  # replay and build-once hold the new file themselves
                return int(args.func(args))
            with holding_file(warehouse, max(0.0, deadline - time.monotonic())):
                return int(args.func(args))
    except WarehouseBusy as busy:
        print(f"refused: {busy}", file=sys.stderr, flush=True)
        return int(Exit.BUSY)
    except DbtError as failed:
        print(f"FAILED: {failed}", file=sys.stderr, flush=True)
        return int(Exit.BUILD)
