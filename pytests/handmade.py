"""Hand-made raw rows for the tests that load `raw` straight, batch by batch: one record is a dict
of the columns it sets; the others are null, and every row of a batch gets the batch's stamp. And
one hand-made day of landing files, a file per raw table, for the tests of `dwh run`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from dwh.contracts import input_contract
from dwh.registry import DOMAINS

from .domains import cases


def literal(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def insert(table: str, loaded: str, *records: dict[str, object]) -> str:
    """SQL inserting `records` into raw.`table`, stamped `loaded`."""
    columns = [name for name, _ in input_contract()[table].columns]
    unknown = {key for record in records for key in record} - set(columns)
    assert not unknown, f"{table} has no column {sorted(unknown)}"
    values = ",\n".join(
        "(" + ", ".join(literal({**record, "_loaded_at": loaded}.get(c)) for c in columns) + ")" for record in records)
    return f"insert into raw.{table} ({', '.join(columns)}) values\n{values};\n"


def write_day(folder: Path, day: datetime) -> None:
    """One small day of landing files, dated `day` (before now): every domain writes one file per raw
    table (`landing_day` in pytests/domains/<domain>.py)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in DOMAINS:
        cases(name).landing_day(folder, day.strftime("%Y-%m-%d"), day.strftime("%Y-%m-%d %H:%M:%S"))
    landed = {path.name.split("__")[0] for path in folder.iterdir()}
    assert landed == set(input_contract()), f"no landing file for {sorted(set(input_contract()) - landed)}"
