"""Writing raw tables as CSV seeds: one header, nulls as empty fields, stable formatting."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

Value = str | int | float | bool | Decimal | date | datetime | None


def format_value(value: Value) -> str:
    """Render one value the way the seed loader reads it back (empty string = NULL)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_table(path: Path, columns: Sequence[str], rows: Iterable[Sequence[Value]]) -> int:
    """Write rows under a header; returns the number of rows written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([format_value(v) for v in row])
            count += 1
    return count
