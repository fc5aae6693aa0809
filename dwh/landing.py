"""Landing files: append the files of a landing folder to the `raw` tables, keeping every bad line.

A file named `<raw table>__<anything>.csv` or `<raw table>__<anything>.ndjson` goes to that raw
table (CSV for exports, newline-delimited JSON for API pulls and telemetry). Each load gives all its
rows one `_loaded_at` stamp, later than (or, for a batch landed in parts, equal to) every stamp
already in `raw`, so the input contract's "stamps never go backwards" holds by construction.

- Idempotent per file: `landing.load_ledger` records every file a load sees, with its status
  (`loaded`, `skipped`, `refused`), name, SHA-256 checksum, raw table, lines, rows loaded, lines
  rejected and stamp. A file whose content was loaded into the same raw table before is skipped
  (and recorded as such), whatever its name; a corrected file (new content) loads. An empty file
  (0 bytes, or a CSV header alone) loads no rows, like a file whose every line is blank.
- Malformed lines never stop a load and are never dropped: a line with too many or too few fields,
  an unterminated quote, invalid JSON or UTF-8, a NUL character, a value longer than
  MAX_VALUE_BYTES (128 KiB), or a value that cannot be cast to the contract's type goes to
  `landing.rejected_lines` with the file, its line number, the raw line and the error. For every
  file, data lines = rows loaded + lines rejected. A UTF-8 byte-order mark opening a file is
  dropped.
- A folder that holds subfolders and no files (as `dwh generate --landing` writes, one folder per
  batch) is an error naming them, never a load of nothing.
- Columns: a CSV header (or a JSON object) may carry columns the contract does not know: they are
  ignored (and named in the ledger). A CSV whose header lacks a contract column is refused whole
  (nothing loaded, status `refused`), as is a file for a table the contract does not have.
- One record per line: a CSV field may not hold a line break (the contract's values are single
  line), so a quote left open is the line's own error and never swallows the lines after it.
- Each file is loaded in one transaction (its rows, its rejected lines, its ledger row): a load
  killed mid-way leaves the file unloaded, to be loaded whole by the next run.

Values are cast strictly in DuckDB: an integer column takes only whole numbers (`3.5` is rejected,
where a plain cast would round it), a date or timestamp only what DuckDB reads as one. The
contract's timestamps are UTC: a timestamp written with an offset or a zone (`...T10:00:00+05:00`,
`...Z`, `... America/New_York`) is converted to UTC (`05:00`), and one written without is taken as
UTC already.

A raw table that exists but lacks a contract column refuses the whole load before any file is
read (ContractBroken: the daily run's contract step, exit 5), naming the table and the column.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from dwh.contracts import RawTable, create_raw_tables, input_contract

LEDGER_DDL = """
    create schema if not exists landing;
    create table if not exists landing.load_ledger (
        file_name varchar, checksum varchar, raw_table varchar, file_format varchar, data_lines bigint,
        rows_loaded bigint, lines_rejected bigint, status varchar, message varchar, _loaded_at timestamp,
        recorded_at timestamp);
    create table if not exists landing.rejected_lines (
        file_name varchar, checksum varchar, raw_table varchar, line_number bigint, raw_line varchar,
        error varchar, _loaded_at timestamp);
"""
FORMATS = {".csv": "csv", ".ndjson": "ndjson"}
INTEGER_TYPES = {"integer", "bigint", "smallint", "tinyint", "int", "hugeint"}
TIMESTAMP_TYPES = {"timestamp", "datetime", "timestamp without time zone"}
# The longest value a landing line may carry (UTF-8 bytes): a longer one rejects its line with its
# own reason. The contract's values are ids, names, codes and stamps; 128 KiB is far beyond any.
MAX_VALUE_BYTES = 128 * 1024
BOM = b"\xef\xbb\xbf"
csv.field_size_limit(2**31 - 1)  # the csv module's own limit (128 KiB) would misreport a long value as bad quoting


class StampError(ValueError):
    """A load stamp earlier than a batch already in raw: the input contract forbids it."""


class ContractBroken(ValueError):
    """A raw table the load would write lacks a column of the input contract."""


@dataclass
class Parsed:
    """A file read line by line: the well-formed lines' values (as text) and the malformed lines."""

    columns: list[str]
    line_numbers: list[int] = field(default_factory=list)
    raw_lines: list[str] = field(default_factory=list)
    values: dict[str, list[str | None]] = field(default_factory=dict)
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (line number, raw line, error)
    data_lines: int = 0
    ignored_columns: set[str] = field(default_factory=set)

    def add(self, number: int, raw: str, row: dict[str, str | None]) -> None:
        self.line_numbers.append(number)
        self.raw_lines.append(raw)
        for column in self.columns:
            self.values[column].append(row.get(column))


@dataclass(frozen=True)
class FileResult:
    """What happened to one landing file."""

    file_name: str
    raw_table: str | None
    status: str  # loaded | skipped (already loaded) | refused
    rows_loaded: int = 0
    lines_rejected: int = 0
    data_lines: int = 0
    message: str = ""


@dataclass
class LoadReport:
    """One load: its stamp and what happened to each file."""

    stamp: datetime
    files: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.files)

    @property
    def lines_rejected(self) -> int:
        return sum(f.lines_rejected for f in self.files)

    @property
    def refused(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "refused"]


def _decode_lines(data: bytes) -> list[tuple[int, str | None, str]]:
    """(line number, text or None when not UTF-8, text shown) for every physical line."""
    lines = []
    data = data.removeprefix(BOM)
    for number, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.removesuffix(b"\r")
        try:
            text: str | None = raw.decode("utf-8")
            shown = text or ""
        except UnicodeDecodeError:
            text, shown = None, raw.decode("utf-8", errors="replace")
        lines.append((number, text, shown))
    while lines and lines[-1][2] == "":  # the file's final newline
        lines.pop()
    return lines


def _value_problem(row: dict[str, str | None], columns: list[str]) -> str | None:
    """Why a parsed line's values cannot load (a NUL character, a value over MAX_VALUE_BYTES), or None."""
    for column in columns:
        value = row.get(column)
        if value is None:
            continue
        if "\x00" in value:
            return f"column {column}: a NUL character (\\x00), which no contract value may hold"
        size = len(value.encode("utf-8"))
        if size > MAX_VALUE_BYTES:
            return f"column {column}: a value of {size:,} bytes, over the {MAX_VALUE_BYTES:,}-byte limit per value"
    return None


def _parse_csv(lines: list[tuple[int, str | None, str]], columns: list[str]) -> Parsed:
    if not lines:  # an empty file: nothing to load
        return Parsed(columns, values={c: [] for c in columns})
    if lines[0][1] is None:
        raise ValueError("no readable header line")
    header = [name.strip().lower() for name in next(csv.reader([lines[0][1]], strict=True))]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ValueError(f"the header lacks contract column(s) {', '.join(missing)}")
    if len(set(header)) != len(header):
        raise ValueError("the header repeats a column")
    parsed = Parsed(columns, values={c: [] for c in columns}, ignored_columns=set(header) - set(columns))
    for number, text, shown in lines[1:]:
        if shown.strip() == "":
            continue
        parsed.data_lines += 1
        if text is None:
            parsed.rejected.append((number, shown, "invalid UTF-8"))
            continue
        try:
            fields = next(csv.reader([text], strict=True))
        except csv.Error as error:
            message = "unterminated quote" if "unexpected end of data" in str(error) else f"malformed quoting: {error}"
            parsed.rejected.append((number, text, message))
            continue
        if len(fields) != len(header):
            kind = "too many" if len(fields) > len(header) else "too few"
            parsed.rejected.append((number, text, f"{kind} fields: {len(fields)} where the header has {len(header)}"))
            continue
        row = {name: (value if value != "" else None) for name, value in zip(header, fields, strict=True)}
        problem = _value_problem(row, columns)
        if problem:
            parsed.rejected.append((number, text, problem))
            continue
        parsed.add(number, text, row)
    return parsed


def _json_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        raise TypeError("a JSON object or array")
    return str(value)


def _parse_ndjson(lines: list[tuple[int, str | None, str]], columns: list[str]) -> Parsed:
    parsed = Parsed(columns, values={c: [] for c in columns})
    for number, text, shown in lines:
        if shown.strip() == "":
            continue
        parsed.data_lines += 1
        if text is None:
            parsed.rejected.append((number, shown, "invalid UTF-8"))
            continue
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            parsed.rejected.append((number, text, f"malformed JSON: {error.msg} at column {error.colno}"))
            continue
        if not isinstance(document, dict):
            parsed.rejected.append((number, text, f"not a JSON object but a {type(document).__name__}"))
            continue
        keys = {str(k).strip().lower(): v for k, v in document.items()}
        parsed.ignored_columns |= set(keys) - set(columns)
        try:
            row = {c: _json_text(keys.get(c)) for c in columns}
        except TypeError as error:
            bad = next(c for c in columns if isinstance(keys.get(c), (dict, list)))
            parsed.rejected.append((number, text, f"column {bad}: {error} where a value is expected"))
            continue
        problem = _value_problem(row, columns)
        if problem:
            parsed.rejected.append((number, text, problem))
            continue
        parsed.add(number, text, row)
    return parsed


def _cast(column: str, data_type: str, cast: str = "cast") -> str:
    """SQL: the text in `column` as a `data_type` value; a timestamp with an offset or a zone becomes
    the UTC time it means (the connection's time zone is UTC, so one without is UTC already)."""
    if data_type.lower() in TIMESTAMP_TYPES:
        return f"cast({cast}({column} as timestamptz) as timestamp)"
    return f"{cast}({column} as {data_type})"


def _cast_failure(column: str, data_type: str) -> str:
    """SQL: true when the text in `column` is present but is not a `data_type` value."""
    failed = f"{_cast(column, data_type, 'try_cast')} is null"
    if data_type.lower() in INTEGER_TYPES:
        failed += f" or not regexp_full_match(trim({column}), '[+-]?[0-9]+')"
    return f"({column} is not null and ({failed}))"


def _load_parsed(con: duckdb.DuckDBPyConnection, table: RawTable, parsed: Parsed, file_name: str, checksum: str,
                 stamp: datetime) -> tuple[int, int]:
    """Insert the good rows into raw and every rejected line into landing.rejected_lines."""
    columns = [c for c, _ in table.columns if c != "_loaded_at"]
    names = ["line_number", "raw_line", *columns]
    lists: list[list[int] | list[str] | list[str | None]] = [
        parsed.line_numbers, parsed.raw_lines, *[parsed.values[c] for c in columns]]
    selects = ", ".join(f"unnest(${i + 1}::{'bigint' if i == 0 else 'varchar'}[]) as {name}"
                        for i, name in enumerate(names))
    con.execute("create or replace temp table landing_parsed as select " + selects, lists)
    types = dict(table.columns)
    errors = " ".join(f"when {_cast_failure(c, types[c])} then 'column {c}: ''' || {c} || ''' cannot be cast "
                      f"to {types[c]}'" for c in columns)
    con.execute(f"create or replace temp table landing_judged as select *, case {errors} end as error "
                f"from landing_parsed")
    casts = ", ".join(_cast(c, types[c]) for c in columns)
    con.execute(f"insert into raw.{table.name} ({', '.join(columns)}, _loaded_at) "
                f"select {casts}, ? from landing_judged where error is null order by line_number", [stamp])
    con.execute("insert into landing.rejected_lines select ?, ?, ?, line_number, raw_line, error, ? "
                "from landing_judged where error is not null", [file_name, checksum, table.name, stamp])
    if parsed.rejected:
        numbers, raws, messages = (list(x) for x in zip(*parsed.rejected, strict=True))
        con.execute("insert into landing.rejected_lines select ?, ?, ?, unnest($4::bigint[]), unnest($5::varchar[]), "
                    "unnest($6::varchar[]), ?",
                    [file_name, checksum, table.name, numbers, raws, messages, stamp])
    loaded, cast_rejected = con.execute(
        "select count(*) filter (where error is null), count(*) filter (where error is not null) from landing_judged"
    ).fetchall()[0]
    return int(loaded), int(cast_rejected) + len(parsed.rejected)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def newest_stamp(con: duckdb.DuckDBPyConnection) -> datetime | None:
    """The newest `_loaded_at` in any raw table of the contract (or in the ledger)."""
    existing = {str(r[0]) for r in con.execute(
        "select table_name from information_schema.tables where table_schema = 'raw'").fetchall()}
    parts = [f"select max(_loaded_at) as stamp from raw.{t}" for t in input_contract() if t in existing]
    if con.execute("select count(*) from information_schema.tables where table_schema = 'landing' "
                   "and table_name = 'load_ledger'").fetchall()[0][0]:
        parts.append("select max(_loaded_at) from landing.load_ledger")
    if not parts:
        return None
    value = con.execute(f"select max(stamp) from ({' union all '.join(parts)}) as stamps").fetchall()[0][0]
    return value if isinstance(value, datetime) else None


def choose_stamp(con: duckdb.DuckDBPyConnection, requested: datetime | None) -> datetime:
    """The stamp of this load: `requested`, or now (UTC), never earlier than a batch already landed."""
    newest = newest_stamp(con)
    if requested is not None:
        if newest is not None and requested < newest:
            raise StampError(f"load stamp {requested:%Y-%m-%d %H:%M:%S} is earlier than the newest batch already in "
                             f"raw ({newest:%Y-%m-%d %H:%M:%S}): _loaded_at must never go backwards")
        return requested
    now = _now()
    return now if newest is None or now > newest else newest + timedelta(seconds=1)


def landing_files(landing_dir: Path) -> list[Path]:
    """The files of a landing folder (not its subfolders, not hidden files), by name."""
    return sorted(p for p in landing_dir.iterdir() if p.is_file() and not p.name.startswith("."))


def load_file(con: duckdb.DuckDBPyConnection, path: Path, stamp: datetime) -> FileResult:
    """Load one landing file in one transaction (see the module's docstring)."""
    data = path.read_bytes()
    checksum = hashlib.sha256(data).hexdigest()
    name = path.name
    table_name, separator, _ = name.partition("__")
    file_format = FORMATS.get(path.suffix.lower())
    seen = con.execute("select file_name, _loaded_at from landing.load_ledger "
                       "where checksum = ? and raw_table = ? and status = 'loaded'", [checksum, table_name]).fetchall()
    if seen:
        message = f"already loaded as {seen[0][0]} at {seen[0][1]:%Y-%m-%d %H:%M:%S}"
        con.execute("insert into landing.load_ledger values (?, ?, ?, ?, null, 0, 0, 'skipped', ?, ?, ?)",
                    [name, checksum, table_name, file_format, message, stamp, _now()])
        return FileResult(name, table_name, "skipped", message=message)
    table = input_contract().get(table_name) if separator else None
    refusal = None
    if file_format is None:
        refusal = "not a .csv or .ndjson file"
    elif table is None:
        refusal = f"no raw table '{table_name}' in the input contract (files are named <raw table>__<anything>)"
    parsed = None
    if refusal is None and table is not None and file_format is not None:
        lines = _decode_lines(data)
        columns = [c for c, _ in table.columns if c != "_loaded_at"]
        try:
            parsed = _parse_csv(lines, columns) if file_format == "csv" else _parse_ndjson(lines, columns)
        except (ValueError, csv.Error) as error:
            refusal = f"refused: {error}"
    con.begin()
    try:
        if parsed is None or table is None:
            con.execute("insert into landing.load_ledger values (?, ?, ?, ?, null, 0, 0, 'refused', ?, ?, ?)",
                        [name, checksum, table_name, file_format, refusal, stamp, _now()])
            con.commit()
            return FileResult(name, table_name, "refused", message=refusal or "")
        loaded, rejected = _load_parsed(con, table, parsed, name, checksum, stamp)
        message = f"ignored columns: {', '.join(sorted(parsed.ignored_columns))}" if parsed.ignored_columns else ""
        if not data:
            message = "an empty file (0 bytes): nothing to load"
        con.execute("insert into landing.load_ledger values (?, ?, ?, ?, ?, ?, ?, 'loaded', ?, ?, ?)",
                    [name, checksum, table.name, file_format, parsed.data_lines, loaded, rejected, message, stamp,
                     _now()])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return FileResult(name, table.name, "loaded", loaded, rejected, parsed.data_lines, message)


def load(warehouse: Path, landing_dir: Path, loaded_at: datetime | None = None) -> LoadReport:
    """Load every file of `landing_dir` into `warehouse`'s raw tables under one stamp."""
    if not landing_dir.is_dir():
        raise FileNotFoundError(f"landing folder {landing_dir} does not exist")
    folders = sorted(p.name for p in landing_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    if folders and not landing_files(landing_dir):
        shown = ", ".join(folders[:3]) + (f" and {len(folders) - 3} more" if len(folders) > 3 else "")
        raise FileNotFoundError(
            f"landing folder {landing_dir} holds no files, only {len(folders)} folder(s) ({shown}): a load reads "
            f"the files of one folder. Load one batch folder ({landing_dir / folders[0]}), or replay them all in "
            f"order with `dwh replay --landing {landing_dir}`")
    with duckdb.connect(str(warehouse)) as con:
        con.execute("set session TimeZone = 'UTC'")  # the contract's time zone: a timestamp without an offset is UTC
        con.execute(LEDGER_DDL)
        for domain in sorted({table.domain for table in input_contract().values()}):
            create_raw_tables(con, domain)  # a warehouse fed by files has every raw table of the contract
        check_raw_columns(con)
        report = LoadReport(choose_stamp(con, loaded_at))
        for path in landing_files(landing_dir):
            report.files.append(load_file(con, path, report.stamp))
    return report


def check_raw_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Raise ContractBroken, naming every table and column, when a raw table lacks a contract column
    (a table created by hand or changed since): no file is loaded into a table that cannot take it."""
    actual: dict[str, set[str]] = {}
    for table_name, column in con.execute("select table_name, lower(column_name) from information_schema.columns "
                                          "where table_schema = 'raw'").fetchall():
        actual.setdefault(str(table_name), set()).add(str(column))
    missing = [f"raw.{table.name}: column {column} ({data_type}) is missing"
               for table in input_contract().values() if table.name in actual
               for column, data_type in table.columns if column.lower() not in actual[table.name]]
    if missing:
        raise ContractBroken("the input contract is broken, so no file was loaded:\n  - " + "\n  - ".join(missing))
