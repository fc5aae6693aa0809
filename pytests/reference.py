"""What the plain-Python references of the domains' answers share (pytests/reference_<domain>.py):
reading the raw CSVs, and the newest row of each record."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

Row = dict[str, str | None]


def read_csv(path: Path) -> list[Row]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(handle)]


def ts(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def strip(value: str | None) -> str | None:
    return value.strip() if value is not None else None


def newest(rows: list[Row], key: tuple[str, ...]) -> dict[tuple[str | None, ...], Row]:
    """The newest row per key (refusing ties between different rows)."""
    best: dict[tuple[str | None, ...], Row] = {}
    for row in rows:
        k = tuple(row[c] for c in key)
        current = best.get(k)
        if current is None or str(row["_loaded_at"]) > str(current["_loaded_at"]):
            best[k] = row
        elif row["_loaded_at"] == current["_loaded_at"] and row != current:
            raise ValueError(f"tie between different rows for {k}")
    return best
