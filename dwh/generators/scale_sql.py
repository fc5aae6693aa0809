"""What the scale generators share: the description each one gives of itself (ScaleDomain),
deterministic values, and counting raw rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb


@dataclass(frozen=True)
class Baseline:
    """A hand-written query the benchmark times beside one of the domain's marts: the seed's naive
    query, or the plain algorithm the mart improves on. `findings`, if given, is a query over the
    built warehouse returning one row whose named columns say how the baseline's answers differ."""

    label: str
    sql: str  # a select, timed as `create table ... as` like the mart it stands beside
    mart: str
    findings: str | None = None


@dataclass(frozen=True)
class ScaleDomain:
    """A domain's scale data set, as `dwh/generators/<domain>_scale.py` declares it (`SCALE`)."""

    generate: Callable[[duckdb.DuckDBPyConnection, float, int], int]  # (connection, scale, seed) -> rows
    increment: Callable[[duckdb.DuckDBPyConnection, float, int], int]
    describe: str
    floors: dict[str, str]  # mart -> one scan-and-group of its deduplicated input (its floor)
    incremental_tables: tuple[str, ...]  # what a full refresh must reproduce (build-audit columns aside)
    baselines: dict[str, Baseline] = field(default_factory=dict)


def hashed(seed: int, kind: str, *exprs: str) -> str:
    """A deterministic non-negative integer from (seed, kind, exprs), as DuckDB SQL: the same seed
    gives the same value whatever the number of threads (never random())."""
    return f"cast(hash({seed}, '{kind}', {', '.join(exprs)}) % 1000000007 as bigint)"


def raw_row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """The rows in raw.`table`."""
    (count,) = con.execute(f"select count(*) from raw.{table}").fetchall()[0]
    return int(count)
