"""The sample data as landing files: one folder per load batch, as a real feed would deliver it.

`write_landing(seed_dir, landing_dir)` turns the generated seed CSVs into
`<landing_dir>/<stamp>/<raw table>__<stamp>.<csv|ndjson>`, one folder per `_loaded_at` batch
(named `YYYYMMDDTHHMMSS`), without the `_loaded_at` column (the loader stamps each load):
the tables whose sources YAML says `landing_format: csv` (the full exports) as CSV, the others (API
pulls and telemetry) as newline-delimited JSON with typed values. A few malformed lines are
planted on top of the good rows, so the landing path exercises the rejected-lines audit while
loading exactly the rows the seeds hold.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from dwh.contracts import input_contract

STAMP_FORMAT = "%Y%m%dT%H%M%S"
# Malformed lines planted in the first file of each table: (raw table, line, what is wrong).
PLANTED_BAD_LINES = {
    "raw_crm_companies": [
        "C900,Too Many Fields Ltd,US,saas,,2026-01-12,unexpected",  # 7 fields for 6 columns
        'C901,"Unclosed Quote Inc,GB,retail,,2026-01-12',  # a quote left open
    ],
    "raw_product_usage_api": [
        '{"company_id": "C001", "date": "2026-01-05", "active_users": 3.5, "events": 10}',  # not an integer
    ],
    "raw_product_events": [
        '{"event_id": "E-BROKEN-1", "company_id": "C001", "user_id": "U1", "event_type": "login", "occurred_at": ',
        '{"event_id": "E-BROKEN-2", "company_id": "C001", "user_id": "U1", "event_type": "login", '
        '"occurred_at": "yesterday"}',
    ],
    "raw_engagement_events": [
        '["not", "an", "object"]',
    ],
}


def stamp_folder(stamp: datetime) -> str:
    return stamp.strftime(STAMP_FORMAT)


def parse_stamp_folder(name: str) -> datetime:
    return datetime.strptime(name, STAMP_FORMAT)


def _json_value(text: str, data_type: str) -> object:
    if text == "":
        return None
    if data_type in {"integer", "bigint"}:
        return int(text)
    if data_type == "double":
        return float(text)
    if data_type == "boolean":
        return text.lower() == "true"
    return text


def write_landing(seed_dir: Path, landing_dir: Path) -> dict[str, int]:
    """Write the landing folders; returns the number of files per batch folder."""
    files: dict[str, int] = defaultdict(int)
    for table in input_contract().values():
        seed = seed_dir / table.domain / f"{table.name}.csv"
        with seed.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            batches: dict[str, list[dict[str, str]]] = defaultdict(list)
            for row in reader:
                batches[row["_loaded_at"]].append(row)
        columns = [(c, t) for c, t in table.columns if c != "_loaded_at"]
        planted = list(PLANTED_BAD_LINES.get(table.name, []))
        for stamp_text in sorted(batches):
            folder = landing_dir / stamp_folder(datetime.fromisoformat(stamp_text))
            folder.mkdir(parents=True, exist_ok=True)
            rows = batches[stamp_text]
            if table.landing_format == "csv":
                path = folder / f"{table.name}__{folder.name}.csv"
                with path.open("w", newline="", encoding="utf-8") as out:
                    writer = csv.writer(out, lineterminator="\n")
                    writer.writerow([c for c, _ in columns])
                    for index, row in enumerate(rows):
                        writer.writerow([row[c] for c, _ in columns])
                        if index == len(rows) // 2:  # mid-file: the lines after a bad one still load
                            for line in planted:
                                out.write(line + "\n")
                            planted = []
            else:
                path = folder / f"{table.name}__{folder.name}.ndjson"
                with path.open("w", encoding="utf-8") as out:
                    for index, row in enumerate(rows):
                        out.write(json.dumps({c: _json_value(row[c], t) for c, t in columns}) + "\n")
                        if index == len(rows) // 2:
                            for line in planted:
                                out.write(line + "\n")
                            planted = []
            files[folder.name] += 1
    return dict(files)
