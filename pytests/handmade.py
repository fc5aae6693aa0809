"""Hand-made raw rows for the tests that load `raw` straight, batch by batch: one record is a dict
of the columns it sets; the others are null, and every row of a batch gets the batch's stamp."""

from __future__ import annotations

from dwh.contracts import input_contract


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
