"""The company-activity sample generator plants every case the spec names."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dwh.generators import company_activity


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    out = tmp_path_factory.mktemp("sample")
    result = company_activity.generate(out, 42)
    return out / "company_activity", result.planted


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_sample_covers_every_case_the_issue_names(sample: tuple[Path, dict[str, list[str]]]) -> None:
    folder, planted = sample
    events = read(folder / "raw_product_events.csv")
    crm = read(folder / "raw_crm_companies.csv")
    assert len({r["company_id"] for r in crm if r["company_id"]}) >= 40
    assert len({r["occurred_at"][:10] for r in events}) >= 60
    assert len({r["_loaded_at"] for r in events}) >= 8
    for case in ("replayed", "corrected", "moved_day", "moved_company", "late_over_2_weeks", "resent_broken",
                 "broken_then_fixed", "api_mismatch", "api_repulled", "missing_in_api", "missing_in_warehouse"):
        assert planted.get(case), case
    # events landing up to three weeks late
    lateness = [(int(r["_loaded_at"][8:10]) - int(r["occurred_at"][8:10])) % 31 for r in events]
    assert max(lateness) >= 14
    # a company with events but no CRM record, and a company that leaves the exports
    crm_ids = {r["company_id"] for r in crm}
    assert company_activity.NO_CRM_COMPANY not in crm_ids
    assert company_activity.NO_CRM_COMPANY in {r["company_id"] for r in events}
    last_export = max(r["export_date"] for r in crm)
    assert company_activity.DELETED_COMPANY not in {r["company_id"] for r in crm if r["export_date"] == last_export}
    # bad rows of every kind
    assert any(not r["event_id"] for r in events)
    assert any(not r["company_id"] for r in crm)
    assert any(r["country"].strip().upper() == "XX" for r in crm)
    assert any(r["occurred_at"] > r["_loaded_at"] for r in events)
    # countries arrive lower-case and padded
    assert any(r["country"] != r["country"].strip() for r in crm)
    assert any(r["country"].islower() for r in crm)
