"""Landing files: `dwh load` appends a landing folder's files to raw, keeps every malformed line in
`landing.rejected_lines`, loads each file once, and the sample data landed as files builds exactly
the warehouse the seeds build."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dwh import landing
from dwh.contracts import input_contract
from dwh.dbt import PROJECT_DIR, run_dbt
from dwh.landing import StampError, load
from dwh.landing_sample import PLANTED_BAD_LINES, parse_stamp_folder, write_landing
from dwh.manifest import built_relations

from .conftest import differences, rows

STAMP = datetime(2026, 3, 1, 8, 0)


def _ledger(warehouse: Path) -> list[tuple[object, ...]]:
    return rows(warehouse, "select file_name, status, data_lines, rows_loaded, lines_rejected, message "
                           "from landing.load_ledger order by recorded_at, file_name")


def _rejected(warehouse: Path) -> list[tuple[object, ...]]:
    return rows(warehouse, "select file_name, line_number, error from landing.rejected_lines order by all")


def _write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


def test_malformed_lines_are_kept_and_good_lines_load(tmp_path: Path) -> None:
    """Every kind of malformed line, each next to good lines: none stops the load, none is lost."""
    folder = tmp_path / "landing"
    _write(folder, "raw_crm_companies__export.csv",
           "company_id,name,country,industry_tag,last_contact_at,export_date,crm_owner\n"  # crm_owner: extra, ignored
           "A,Acme,GB,saas,,2026-03-01,ann\n"                                 # 2: good
           "B,Beta,DE,retail,2026-02-20 10:00,2026-03-01,bob,surplus\n"        # 3: too many fields
           'C,"Gamma, Open,FR,media,,2026-03-01,cy\n'                          # 4: unterminated quote
           "D,Delta,NL,saas,last tuesday,2026-03-01,dee\n"                     # 5: uncastable timestamp
           "E,Eps,SE,saas\n"                                                   # 6: too few fields
           '"F","Phi, Inc.",US,health,,2026-03-01,fay\n'                       # 7: good, quoted comma
           "\n"                                                                # blank: not a data line
           "G,Gee,US,saas,,2026-02-30,gus\n")                                  # 9: impossible date
    _write(folder, "raw_product_usage_api__pull-1.ndjson",
           '{"company_id": "A", "date": "2026-02-28", "active_users": 2, "events": 5, "page": 1}\n'  # good, extra key
           '{"company_id": "A", "date": "2026-02-27", "active_users": 2.5, "events": 5}\n'  # 2: not an integer
           '{"company_id": "A", "date": "2026-02-26", "active_users": "two", "events": 5}\n'  # 3: not an integer
           '{"company_id": "A", "date": "2026-02-25", "active_users": 1, \n'  # 4: malformed JSON
           '["A", "2026-02-24", 1, 1]\n'  # 5: not an object
           '{"company_id": {"id": "A"}, "date": "2026-02-23", "active_users": 1, "events": 1}\n'  # 6: object value
           '{"company_id": "A", "date": "2026-02-22", "active_users": "3", "events": null}\n')  # 7: good (text 3)
    _write(folder, "raw_product_events__bytes.ndjson",
           b'{"event_id": "e1", "company_id": "A", "user_id": "u1", "event_type": "login", '
           b'"occurred_at": "2026-02-28 10:00:00"}\n'
           b'{"event_id": "e2", "company_id": "A", "user_id": "\xff\xfe", "event_type": "login"}\n')  # not UTF-8
    report = load(tmp_path / "warehouse.duckdb", folder, STAMP)
    assert report.refused == []
    assert _rejected(tmp_path / "warehouse.duckdb") == [
        ("raw_crm_companies__export.csv", 3, "too many fields: 8 where the header has 7"),
        ("raw_crm_companies__export.csv", 4, "unterminated quote"),
        ("raw_crm_companies__export.csv", 5, "column last_contact_at: 'last tuesday' cannot be cast to timestamp"),
        ("raw_crm_companies__export.csv", 6, "too few fields: 4 where the header has 7"),
        ("raw_crm_companies__export.csv", 9, "column export_date: '2026-02-30' cannot be cast to date"),
        ("raw_product_events__bytes.ndjson", 2, "invalid UTF-8"),
        ("raw_product_usage_api__pull-1.ndjson", 2, "column active_users: '2.5' cannot be cast to integer"),
        ("raw_product_usage_api__pull-1.ndjson", 3, "column active_users: 'two' cannot be cast to integer"),
        ("raw_product_usage_api__pull-1.ndjson", 4, "malformed JSON: Expecting property name enclosed in double "
                                                    "quotes at column 62"),
        ("raw_product_usage_api__pull-1.ndjson", 5, "not a JSON object but a list"),
        ("raw_product_usage_api__pull-1.ndjson", 6, "column company_id: a JSON object or array where a value is "
                                                    "expected"),
    ]
    w = tmp_path / "warehouse.duckdb"
    assert rows(w, "select company_id, name from raw.raw_crm_companies order by 1") == [
        ("A", "Acme"), ("F", "Phi, Inc.")]
    assert rows(w, "select date, active_users, events from raw.raw_product_usage_api order by 1") == [
        (datetime(2026, 2, 22).date(), 3, None), (datetime(2026, 2, 28).date(), 2, 5)]
    assert rows(w, "select distinct _loaded_at from raw.raw_crm_companies") == [(STAMP,)]
    # every data line is loaded or rejected, file by file
    ledger = {r[0]: r[1:] for r in _ledger(w)}
    assert ledger["raw_crm_companies__export.csv"] == ("loaded", 7, 2, 5, "ignored columns: crm_owner")
    assert ledger["raw_product_usage_api__pull-1.ndjson"] == ("loaded", 7, 2, 5, "ignored columns: page")
    assert ledger["raw_product_events__bytes.ndjson"] == ("loaded", 2, 1, 1, "")
    for _, _, data_lines, loaded, rejected, _ in _ledger(w):
        assert data_lines == loaded + rejected  # type: ignore[operator]


def test_files_are_loaded_once_and_unusable_files_refused(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    folder = tmp_path / "day1"
    good = "company_id,name,country,industry_tag,last_contact_at,export_date\nA,Acme,GB,saas,,2026-03-01\n"
    _write(folder, "raw_crm_companies__2026-03-01.csv", good)
    _write(folder, "raw_crm_companies__no-country.csv", "company_id,name,industry_tag,last_contact_at,export_date\n"
                                                        "B,Beta,saas,,2026-03-01\n")
    _write(folder, "raw_unknown_table__x.csv", good)
    _write(folder, "raw_crm_companies__notes.txt", "not data\n")
    _write(folder, ".hidden", "ignored\n")
    first = load(warehouse, folder, STAMP)
    assert [(f.file_name, f.status) for f in first.files] == [
        ("raw_crm_companies__2026-03-01.csv", "loaded"), ("raw_crm_companies__no-country.csv", "refused"),
        ("raw_crm_companies__notes.txt", "refused"), ("raw_unknown_table__x.csv", "refused")]
    assert [f.message for f in first.refused] == [
        "refused: the header lacks contract column(s) country", "not a .csv or .ndjson file",
        "no raw table 'raw_unknown_table' in the input contract (files are named <raw table>__<anything>)"]
    assert rows(warehouse, "select count(*) from raw.raw_crm_companies") == [(1,)]  # refused files load nothing

    # the same folder again, and the good file again under another name: nothing is loaded twice
    _write(folder, "raw_crm_companies__resent-copy.csv", good)
    second = load(warehouse, folder, datetime(2026, 3, 2, 8, 0))
    skipped = {f.file_name: f.message for f in second.files if f.status == "skipped"}
    assert skipped == {name: "already loaded as raw_crm_companies__2026-03-01.csv at 2026-03-01 08:00:00"
                       for name in ("raw_crm_companies__2026-03-01.csv", "raw_crm_companies__resent-copy.csv")}
    assert rows(warehouse, "select count(*) from raw.raw_crm_companies") == [(1,)]
    # the ledger records every file a load saw, the skipped ones too
    assert rows(warehouse, "select file_name, status, message from landing.load_ledger where _loaded_at = ? "
                           "and status = 'skipped' order by 1", [datetime(2026, 3, 2, 8, 0)]) == [
        (name, "skipped", "already loaded as raw_crm_companies__2026-03-01.csv at 2026-03-01 08:00:00")
        for name in ("raw_crm_companies__2026-03-01.csv", "raw_crm_companies__resent-copy.csv")]
    # a corrected file under a known name has new content: it loads
    _write(folder, "raw_crm_companies__2026-03-01.csv", good.replace("Acme", "Acme Corp"))
    third = load(warehouse, folder, datetime(2026, 3, 3, 8, 0))
    assert third.count("loaded") == 1
    assert rows(warehouse, "select name, _loaded_at from raw.raw_crm_companies order by 2") == [
        ("Acme", STAMP), ("Acme Corp", datetime(2026, 3, 3, 8, 0))]


CRM_HEADER = "company_id,name,country,industry_tag,last_contact_at,export_date\n"


def test_awkward_files_load_or_reject_each_line_with_its_reason(tmp_path: Path) -> None:
    """A byte-order mark, a NUL byte, a value over the size limit, an empty file and a header alone."""
    folder = tmp_path / "landing"
    _write(folder, "raw_crm_companies__bom.csv",
           b"\xef\xbb\xbf" + CRM_HEADER.encode() + b"A,Acme,GB,saas,,2026-03-01\n")
    _write(folder, "raw_crm_companies__nul.csv",
           CRM_HEADER + "B,Be\x00ta,GB,saas,,2026-03-01\nC,Gamma,GB,saas,,2026-03-01\n")
    long_name = "x" * (landing.MAX_VALUE_BYTES + 1)
    _write(folder, "raw_crm_companies__long.csv",
           CRM_HEADER + f"D,{long_name},GB,saas,,2026-03-01\nE,{'y' * landing.MAX_VALUE_BYTES},GB,saas,,2026-03-01\n")
    _write(folder, "raw_product_events__long.ndjson", '{"event_id": "e1", "company_id": "A", "user_id": "u1", '
                                                      f'"event_type": "{long_name}", "occurred_at": null}}\n')
    _write(folder, "raw_crm_companies__empty.csv", b"")
    _write(folder, "raw_crm_companies__header-only.csv", CRM_HEADER)
    _write(folder, "raw_product_events__empty.ndjson", b"")
    warehouse = tmp_path / "warehouse.duckdb"
    report = load(warehouse, folder, STAMP)
    assert report.refused == []
    assert rows(warehouse, "select company_id, length(name) from raw.raw_crm_companies order by 1") == [
        ("A", 4), ("C", 5), ("E", landing.MAX_VALUE_BYTES)]
    assert _rejected(warehouse) == [
        ("raw_crm_companies__long.csv", 2, f"column name: a value of {landing.MAX_VALUE_BYTES + 1:,} bytes, over the "
                                           f"{landing.MAX_VALUE_BYTES:,}-byte limit per value"),
        ("raw_crm_companies__nul.csv", 2, "column name: a NUL character (\\x00), which no contract value may hold"),
        ("raw_product_events__long.ndjson", 1, f"column event_type: a value of {landing.MAX_VALUE_BYTES + 1:,} bytes, "
                                               f"over the {landing.MAX_VALUE_BYTES:,}-byte limit per value"),
    ]
    ledger = {r[0]: r[1:] for r in _ledger(warehouse)}
    assert ledger["raw_crm_companies__empty.csv"] == ("loaded", 0, 0, 0, "an empty file (0 bytes): nothing to load")
    assert ledger["raw_product_events__empty.ndjson"] == ("loaded", 0, 0, 0, "an empty file (0 bytes): nothing to load")
    assert ledger["raw_crm_companies__header-only.csv"] == ("loaded", 0, 0, 0, "")


def test_timestamps_with_an_offset_land_in_utc(tmp_path: Path) -> None:
    """The contract's timestamps are UTC: an offset or a zone is applied, never dropped."""
    folder = tmp_path / "landing"
    events = [("e1", "2026-03-20T10:00:00+05:00"), ("e2", "2026-03-20T10:00:00-08:00"), ("e3", "2026-03-20T10:00:00Z"),
              ("e4", "2026-03-20 10:00:00"), ("e5", "2026-03-20T10:00:00+05:30"), ("e6", "2026-03-20T23:30:00-01:00"),
              ("e7", "2026-03-20T10:00:00+5")]
    _write(folder, "raw_product_events__tz.ndjson", "".join(
        f'{{"event_id": "{e}", "company_id": "A", "user_id": "u1", "event_type": "login", "occurred_at": "{at}"}}\n'
        for e, at in events))
    _write(folder, "raw_crm_companies__tz.csv", CRM_HEADER + "A,Acme,GB,saas,2026-03-01 09:00:00+01:00,2026-03-01\n")
    warehouse = tmp_path / "warehouse.duckdb"
    load(warehouse, folder, datetime(2026, 3, 22))
    assert rows(warehouse, "select event_id, strftime(occurred_at, '%Y-%m-%d %H:%M') from raw.raw_product_events "
                           "order by 1") == [
        ("e1", "2026-03-20 05:00"), ("e2", "2026-03-20 18:00"), ("e3", "2026-03-20 10:00"), ("e4", "2026-03-20 10:00"),
        ("e5", "2026-03-20 04:30"), ("e6", "2026-03-21 00:30")]
    assert _rejected(warehouse) == [("raw_product_events__tz.ndjson", 7, "column occurred_at: '2026-03-20T10:00:00+5' "
                                                                         "cannot be cast to timestamp")]
    assert rows(warehouse, "select last_contact_at from raw.raw_crm_companies") == [(datetime(2026, 3, 1, 8, 0),)]


def test_a_raw_table_lacking_a_contract_column_refuses_the_load(tmp_path: Path) -> None:
    """A raw table changed by hand (a column dropped) stops the load with the contract's exit code,
    naming the table and the column, before any file loads."""
    warehouse = tmp_path / "warehouse.duckdb"
    folder = tmp_path / "d"
    _write(folder, "raw_crm_companies__a.csv", CRM_HEADER + "A,Acme,GB,saas,,2026-03-01\n")
    load(warehouse, folder, STAMP)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("alter table raw.raw_crm_companies drop column industry_tag")
    _write(folder, "raw_crm_companies__b.csv", CRM_HEADER + "B,Beta,GB,saas,,2026-03-01\n")
    done = subprocess.run([sys.executable, "-m", "dwh", "load", "--warehouse", str(warehouse), str(folder)],
                          cwd=PROJECT_DIR, capture_output=True, text=True)
    assert done.returncode == 5, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "contract FAILED: the input contract is broken, so no file was loaded:\n  - raw.raw_crm_companies: " \
           "column industry_tag (varchar) is missing" in done.stdout
    assert rows(warehouse, "select count(*) from raw.raw_crm_companies") == [(1,)]


def test_a_load_stamp_never_goes_backwards(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    folder = tmp_path / "d"
    _write(folder, "raw_crm_companies__a.csv", "company_id,name,country,industry_tag,last_contact_at,export_date\n"
                                               "A,Acme,GB,saas,,2026-03-01\n")
    load(warehouse, folder, STAMP)
    _write(folder, "raw_crm_companies__b.csv", "company_id,name,country,industry_tag,last_contact_at,export_date\n"
                                               "B,Beta,GB,saas,,2026-03-01\n")
    with pytest.raises(StampError, match="earlier than the newest batch already in raw"):
        load(warehouse, folder, datetime(2026, 2, 28))
    again = load(warehouse, folder, STAMP)  # the same stamp: one batch landed in two parts
    assert again.count("loaded") == 1
    automatic = load(warehouse, tmp_path / "d", None)  # no stamp given: now, later than anything in raw
    assert automatic.stamp > STAMP


def test_a_load_killed_mid_file_leaves_the_file_unloaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One transaction per file: raw rows, rejected lines and ledger row land together or not at all."""
    warehouse = tmp_path / "warehouse.duckdb"
    folder = tmp_path / "d"
    _write(folder, "raw_product_usage_api__p.ndjson",
           '{"company_id": "A", "date": "2026-02-28", "active_users": 2, "events": 5}\nbroken\n')
    real = landing._load_parsed

    def crash(*args: object, **kwargs: object) -> tuple[int, int]:
        real(*args, **kwargs)  # type: ignore[arg-type]
        raise KeyboardInterrupt("killed after the rows were inserted")

    monkeypatch.setattr(landing, "_load_parsed", crash)
    with pytest.raises(KeyboardInterrupt):
        load(warehouse, folder, STAMP)
    assert rows(warehouse, "select count(*) from raw.raw_product_usage_api") == [(0,)]
    assert rows(warehouse, "select count(*) from landing.rejected_lines") == [(0,)]
    assert rows(warehouse, "select count(*) from landing.load_ledger") == [(0,)]
    monkeypatch.setattr(landing, "_load_parsed", real)
    assert load(warehouse, folder, STAMP).rows_loaded == 1


def test_a_folder_of_batch_folders_is_an_error_naming_them(tmp_path: Path) -> None:
    """`dwh generate --landing` writes one folder per batch: loading their parent is never a silent 0."""
    for batch in ("2026-03-01T0600", "2026-03-02T0600"):
        _write(tmp_path / "landing" / batch, "raw_crm_companies__a.csv", CRM_HEADER + "A,Acme,GB,saas,,2026-03-01\n")
    command = [sys.executable, "-m", "dwh", "load", "--warehouse", str(tmp_path / "warehouse.duckdb"),
               str(tmp_path / "landing")]
    done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True)
    assert done.returncode == 4, done.stdout + done.stderr
    assert "holds no files, only 2 folder(s) (2026-03-01T0600, 2026-03-02T0600): a load reads the files of one " \
           "folder." in done.stdout
    assert "`dwh replay --landing " in done.stdout


def test_dwh_load_cli(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    _write(folder, "raw_crm_companies__a.csv", "company_id,name,country,industry_tag,last_contact_at,export_date\n"
                                               "A,Acme,GB,saas,,2026-03-01\nB,Beta\n")
    command = [sys.executable, "-m", "dwh", "load", "--warehouse", str(tmp_path / "warehouse.duckdb"), str(folder)]
    done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 loaded (1 rows), 0 already loaded, 0 refused; 1 lines rejected" in done.stdout
    _write(folder, "raw_nothing__b.csv", "x\n1\n")
    refused = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True)
    assert refused.returncode == 4
    assert "load FAILED: 1 file(s) refused: raw_nothing__b.csv: no raw table 'raw_nothing'" in refused.stdout


@pytest.fixture(scope="module")
def landed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data written as landing folders, every folder loaded through the loader with its
    own stamp, then built once (the batch-by-batch build itself is what `replayed` proves)."""
    from dwh.registry import DOMAINS

    root = tmp_path_factory.mktemp("landed")
    for domain in DOMAINS.values():
        domain.sample().generate(root / "seeds", 42)
    write_landing(root / "seeds", root / "landing")
    warehouse = root / "warehouse.duckdb"
    for folder in sorted((root / "landing").iterdir()):
        assert load(warehouse, folder, parse_stamp_folder(folder.name)).refused == []
    run_dbt(["build", "--exclude", "tag:sample_data"], warehouse)
    return warehouse


def test_the_landing_path_builds_the_same_warehouse_as_the_seeds(landed: Path, full_build: Path,
                                                                manifest: dict[str, Any]) -> None:
    """Every raw table holds exactly the seeds' rows, stamps included, so every table built from
    them is the same too (`make build-landing` replays the same folders batch by batch)."""
    compared = [(f"raw.{table}", "*") for table in input_contract()]
    compared += [(built.relation, built.compared) for built in built_relations(manifest)]
    assert len(compared) > 60
    for table, columns in compared:
        _, only_landed, only_seeded = differences(landed, full_build, table, columns)
        assert (only_landed, only_seeded) == (0, 0), table


def test_the_landing_sample_keeps_its_planted_bad_lines(landed: Path) -> None:
    rejected = rows(landed, "select raw_table, raw_line from landing.rejected_lines order by all")
    assert rejected == sorted((table, line) for table, lines in PLANTED_BAD_LINES.items() for line in lines)
    assert rows(landed, "select sum(data_lines) = sum(rows_loaded) + sum(lines_rejected), count(*) filter "
                        "(where status != 'loaded') from landing.load_ledger") == [(True, 0)]
