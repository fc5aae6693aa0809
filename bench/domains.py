"""Benchmarks particular to one domain: every `bench/<domain>_*.py` of a registered domain
(dwh/registry.py), each run with its defaults (`make bench-domains`). Today that is the share
chains benchmark, dim_posts alone at scale 1 (bench/results/share_chains.{json,md})."""

from __future__ import annotations

import importlib
from pathlib import Path

from dwh.registry import DOMAINS

HERE = Path(__file__).resolve().parent


def modules() -> list[str]:
    """The domain benchmarks, as module names (bench.<domain>_<what>)."""
    return sorted(f"bench.{path.stem}" for name in DOMAINS for path in HERE.glob(f"{name}_*.py"))


def main() -> int:
    for module in modules():
        print(f"== {module}", flush=True)
        code = importlib.import_module(module).main([])
        if code:
            return int(code)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
