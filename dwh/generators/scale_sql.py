"""SQL helpers the scale generators share: deterministic values, and counting raw rows."""

from __future__ import annotations

import duckdb


def hashed(seed: int, kind: str, *exprs: str) -> str:
    """A deterministic non-negative integer from (seed, kind, exprs), as DuckDB SQL: the same seed
    gives the same value whatever the number of threads (never random())."""
    return f"cast(hash({seed}, '{kind}', {', '.join(exprs)}) % 1000000007 as bigint)"


def raw_row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """The rows in raw.`table`."""
    (count,) = con.execute(f"select count(*) from raw.{table}").fetchall()[0]
    return int(count)
