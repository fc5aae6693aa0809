"""How long the README's two set-up commands take, from a copy of the repository with nothing beside it.

    python -m bench.suite [--domain NAME] [--keep]      (make bench-suite)

Copies the last commit (`git archive HEAD`: what a user clones, without the local .venv, target/
or warehouse) into a fresh temporary folder and runs there, one after the other, as a newcomer
would: `make build`, `make test`, and `make test DOMAIN=<name>` (the day-to-day loop; the first
domain of the registry unless --domain names another). Each command's wall time and exit code,
pytest's own count and time, and the ten slowest tests go to bench/results/suite.{json,md}, with
the commit, the date and the machine; the README's "Measured" section links that file. A command
that fails stops the run (exit 1, its log's end printed) and leaves the results as they were, so
the numbers only ever describe runs that passed.

It takes as long as the three commands (about half an hour with five domains), and it measures
the commit, not the working tree: commit first.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from dwh.registry import DOMAINS

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
RESULTS = HERE / "results"
PASSED = re.compile(r"^=*\s*(\d+) passed(?:, (\d+) deselected)?.* in ([0-9.]+)s", re.MULTILINE)
SLOW = re.compile(r"^([0-9.]+)s (call|setup|teardown)\s+(\S+)$", re.MULTILINE)


def _copy_of_head(folder: Path) -> str:
    """The last commit, unpacked into `folder`; returns its short hash."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPOSITORY, check=True,
                            capture_output=True, text=True).stdout.strip()
    archive = subprocess.Popen(["git", "archive", "HEAD"], cwd=REPOSITORY, stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(folder)], stdin=archive.stdout, check=True)
    if archive.wait():
        raise RuntimeError("git archive HEAD failed")
    return commit


def _run(folder: Path, command: list[str], log: Path) -> dict[str, object]:
    """Run one command in the copy, its output to `log`; what it took and what pytest said."""
    env = {k: v for k, v in os.environ.items()  # nothing of this shell's set-up reaches the copy
           if k not in {"DOMAIN", "WAREHOUSE_PATH", "VIRTUAL_ENV", "PYTHONPATH"} and not k.startswith("DBT_")}
    started = time.monotonic()
    with log.open("w") as out:
        code = subprocess.run(command, cwd=folder, stdout=out, stderr=subprocess.STDOUT, env=env).returncode
    seconds = time.monotonic() - started
    text = log.read_text(errors="replace")
    found: dict[str, object] = {"command": " ".join(command), "exit_code": code, "seconds": round(seconds, 1)}
    passed = PASSED.search(text)
    if passed:
        found.update(tests_passed=int(passed.group(1)), tests_deselected=int(passed.group(2) or 0),
                     pytest_seconds=float(passed.group(3)))
        found["slowest"] = [{"seconds": float(s), "phase": phase, "test": test}
                            for s, phase, test in SLOW.findall(text)[:10]]
    return found


def _minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60} s"


def write(report: dict[str, object]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "suite.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [f"Set-up commands from a copy of commit {report['commit']} with nothing beside it "
             f"({report['date']}, {report['machine']}).", "",
             "| command | wall | exit | pytest |", "| --- | --- | --- | --- |"]
    runs = report["runs"]
    assert isinstance(runs, list)
    for run in runs:
        tests = (f"{run['tests_passed']} passed" + (f", {run['tests_deselected']} deselected"
                                                    if run.get("tests_deselected") else "")
                 + f" in {_minutes(float(run['pytest_seconds']))}") if "tests_passed" in run else ""
        lines.append(f"| `{run['command']}` | {_minutes(float(run['seconds']))} | {run['exit_code']} | {tests} |")
    for run in runs:
        if run.get("slowest"):
            lines += ["", f"Slowest in `{run['command']}`:", ""]
            lines += [f"- {s['seconds']:.0f} s {s['phase']} {s['test']}" for s in run["slowest"]]
    (RESULTS / "suite.md").write_text("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--domain", default=next(iter(DOMAINS)), choices=list(DOMAINS),
                        help="the domain of the `make test DOMAIN=` run (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the copy and its logs (printed)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="suite-"))
    logs = folder / "logs-of-the-suite-benchmark"
    report: dict[str, object] = {"date": datetime.now(UTC).strftime("%Y-%m-%d"),
                                 "machine": f"{platform.machine()}, {os.cpu_count()} cores", "runs": []}
    runs = report["runs"]
    assert isinstance(runs, list)
    try:
        copy = folder / "repository"
        copy.mkdir()
        report["commit"] = _copy_of_head(copy)
        logs.mkdir()
        for number, command in enumerate([["make", "build"], ["make", "test"],
                                          ["make", "test", f"DOMAIN={args.domain}"]], start=1):
            print(f"{' '.join(command)} ...", flush=True)
            run = _run(copy, command, logs / f"{number}.log")
            runs.append(run)
            print(f"  exit {run['exit_code']} after {_minutes(float(run['seconds']))}", flush=True)  # type: ignore[arg-type]
            if run["exit_code"]:
                print((logs / f"{number}.log").read_text(errors="replace")[-3000:], file=sys.stderr)
                return 1
        write(report)
        print(f"wrote {RESULTS / 'suite.md'}")
        return 0
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
