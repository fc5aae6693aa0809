"""An independent reference for the company-activity answers, in plain Python.

It reads the raw CSVs and computes what the marts must contain, by different means from the
SQL: dictionaries and sets instead of windows (7-day users are literal set unions over the
calendar, not a running sum of window changes; the snapshot is emulated load by load).
Ties between different rows with the same key and `_loaded_at` are not modelled: the
reference refuses them, and the sample data has none.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .reference import Row, day, newest, read_csv, strip, ts


@dataclass
class Expected:
    quarantine: dict[tuple[str, str], int] = field(default_factory=dict)  # (table, reason) -> rows
    good_events: dict[str, Row] = field(default_factory=dict)  # event_id -> cleaned row
    daily: dict[tuple[str, date], tuple[int, int]] = field(default_factory=dict)  # -> (events, users)
    fact: dict[tuple[str, date], dict[str, object]] = field(default_factory=dict)
    reconciliation: dict[tuple[str, date], str] = field(default_factory=dict)
    as_of: date | None = None


def clean_event(row: Row) -> Row:
    event_type = strip(row["event_type"])
    return {
        "event_id": strip(row["event_id"]),
        "company_id": strip(row["company_id"]),
        "user_id": strip(row["user_id"]),
        "event_type": event_type.lower() if event_type else None,
        "occurred_at": row["occurred_at"],
        "_loaded_at": row["_loaded_at"],
    }


def event_rule(row: Row) -> str | None:
    occurred, loaded = ts(row["occurred_at"]), ts(row["_loaded_at"])
    if row["company_id"] is None:
        return "missing_company_id"
    if row["user_id"] is None:
        return "missing_user_id"
    if row["event_type"] is None:
        return "missing_event_type"
    if occurred is None:
        return "missing_occurred_at"
    if loaded is not None and occurred > loaded:
        return "occurred_after_load"
    return None


def api_rule(row: Row) -> str | None:
    if row["active_users"] is None or row["events"] is None:
        return "null_figures"
    users, events = int(str(row["active_users"])), int(str(row["events"]))
    if users < 0 or events < 0:
        return "negative_figures"
    if users > 0 and events == 0:
        return "users_without_events"
    if day(row["date"]) > ts(row["_loaded_at"]).date():  # type: ignore[operator,union-attr]
        return "date_after_load"
    return None


def crm_rule(row: Row, countries: set[str]) -> str | None:
    if row["country"] is not None and row["country"] not in countries:
        return "unknown_country"
    loaded = ts(row["_loaded_at"])
    assert loaded is not None
    if day(row["export_date"]) > loaded.date():  # type: ignore[operator]
        return "export_after_load"
    contact = ts(row["last_contact_at"])
    if contact is not None and contact > loaded:
        return "contact_after_load"
    return None


def clean_crm(row: Row) -> Row:
    country = strip(row["country"])
    industry = strip(row["industry_tag"])
    return {**row, "company_id": strip(row["company_id"]), "name": strip(row["name"]),
            "country": country.upper() if country else None, "industry_tag": industry.lower() if industry else None}


def staged_crm(rows: list[Row], countries: set[str], quarantine: dict[tuple[str, str], int] | None = None
               ) -> dict[tuple[str, date], Row]:
    cleaned = [clean_crm(r) for r in rows]
    good: dict[tuple[str, date], Row] = {}
    for row in cleaned:
        if row["company_id"] is None and quarantine is not None:
            quarantine[("raw_crm_companies", "null_company_id")] = quarantine.get(
                ("raw_crm_companies", "null_company_id"), 0) + 1
    for (cid, export), row in newest([r for r in cleaned if r["company_id"] is not None],
                                     ("company_id", "export_date")).items():
        reason = crm_rule(row, countries)
        if reason:
            if quarantine is not None:
                quarantine[("raw_crm_companies", reason)] = quarantine.get(("raw_crm_companies", reason), 0) + 1
            continue
        good[(str(cid), day(export))] = row  # type: ignore[index]
    return good


@dataclass
class Version:
    company_id: str
    attributes: tuple[str | None, ...]
    deleted: bool
    valid_from: date
    valid_to: date | None = None


def crm_versions(staged: dict[tuple[str, date], Row]) -> dict[str, tuple[tuple[str | None, ...], bool, date]]:
    """What the snapshot input says after these exports: company -> (attributes, deleted, started)."""
    exports = sorted({export for _, export in staged})
    latest = exports[-1]
    result = {}
    for cid in sorted({c for c, _ in staged}):
        present = [i for i, e in enumerate(exports) if (cid, e) in staged]
        last = present[-1]
        row = staged[(cid, exports[last])]
        attrs = (row["name"], row["country"], row["industry_tag"], row["last_contact_at"])
        if exports[last] != latest:
            result[cid] = (attrs, True, exports[last + 1])
            continue
        start = last
        while start - 1 in present:
            previous = staged[(cid, exports[start - 1])]
            if (previous["name"], previous["country"], previous["industry_tag"], previous["last_contact_at"]) != attrs:
                break
            start -= 1
        result[cid] = (attrs, False, exports[start])
    return result


def snapshot_history(batches: list[list[Row]], countries: set[str]) -> list[Version]:
    """Emulate a timestamp-strategy snapshot taken after each batch of CRM rows."""
    loaded: list[Row] = []
    current: dict[str, Version] = {}
    history: list[Version] = []
    for batch in batches:
        loaded += batch
        staged = staged_crm(loaded, countries)
        if not staged:
            continue
        for cid, (attrs, deleted, started) in crm_versions(staged).items():
            now = current.get(cid)
            if now is not None and started <= now.valid_from:
                continue
            if now is not None:
                now.valid_to = started
            version = Version(cid, attrs, deleted, started)
            current[cid] = version
            history.append(version)
    return [v for v in history if not v.deleted]


def expected(seed_dir: Path, countries: set[str], versions: list[Version], run_date: date | None = None) -> Expected:
    out = Expected()
    # events
    events = [clean_event(r) for r in read_csv(seed_dir / "raw_product_events.csv")]
    null_ids = [r for r in events if r["event_id"] is None]
    if null_ids:
        out.quarantine[("raw_product_events", "null_event_id")] = len(null_ids)
    for event_id, row in newest([r for r in events if r["event_id"]], ("event_id",)).items():
        reason = event_rule(row)
        if reason:
            out.quarantine[("raw_product_events", reason)] = out.quarantine.get(("raw_product_events", reason), 0) + 1
        else:
            out.good_events[str(event_id[0])] = row
    users_by_day: dict[tuple[str, date], set[str]] = defaultdict(set)
    events_by_day: dict[tuple[str, date], int] = defaultdict(int)
    for row in out.good_events.values():
        key = (str(row["company_id"]), ts(row["occurred_at"]).date())  # type: ignore[union-attr]
        users_by_day[key].add(str(row["user_id"]))
        events_by_day[key] += 1
    out.daily = {k: (events_by_day[k], len(users_by_day[k])) for k in events_by_day}
    out.as_of = run_date or max(d for _, d in out.daily)
    # CRM versions, point in time
    by_company: dict[str, list[Version]] = defaultdict(list)
    for version in versions:
        by_company[version.company_id].append(version)

    def attributes_on(cid: str, when: date) -> tuple[str | None, ...] | None:
        chain = sorted(by_company.get(cid, []), key=lambda v: v.valid_from)
        for i, version in enumerate(chain):
            starts = i == 0 or when >= version.valid_from
            if starts and (version.valid_to is None or when < version.valid_to):
                return version.attributes
        return None

    first_day = {}
    for cid, d in out.daily:
        first_day[cid] = min(d, first_day.get(cid, d))
    for cid, start in first_day.items():
        when = start
        while when <= out.as_of:
            window7 = [(cid, when - timedelta(days=i)) for i in range(7)]
            window14 = [(cid, when - timedelta(days=i)) for i in range(14)]
            n_events, n_users = out.daily.get((cid, when), (0, 0))
            attrs = attributes_on(cid, when)
            contact = ts(attrs[3]) if attrs else None
            out.fact[(cid, when)] = {
                "events": n_events,
                "active_users": n_users,
                "active_users_7d": len(set().union(*(users_by_day.get(k, set()) for k in window7))),
                "is_churn_risk": all(events_by_day.get(k, 0) == 0 for k in window14),
                "events_per_user": n_events / n_users if n_users else None,
                "company_name": attrs[0] if attrs else None,
                "country": attrs[1] if attrs else None,
                "days_since_last_contact": (when - contact.date()).days
                if contact and contact.date() <= when else None,
            }
            when += timedelta(days=1)
    # API and reconciliation
    api = [{**r, "company_id": strip(r["company_id"])} for r in read_csv(seed_dir / "raw_product_usage_api.csv")]
    nulls = [r for r in api if r["company_id"] is None or r["date"] is None]
    if nulls:
        out.quarantine[("raw_product_usage_api", "null_company_id")] = len(nulls)
    api_good: dict[tuple[str, date], tuple[int, int]] = {}
    for (cid, when_s), row in newest([r for r in api if r["company_id"] and r["date"]],
                                     ("company_id", "date")).items():
        reason = api_rule(row)
        if reason:
            out.quarantine[("raw_product_usage_api", reason)] = out.quarantine.get(
                ("raw_product_usage_api", reason), 0) + 1
        else:
            api_good[(str(cid), day(when_s))] = (int(str(row["events"])), int(str(row["active_users"])))  # type: ignore[index]
    for key in set(api_good) | set(out.daily):
        w_events, w_users = out.daily.get(key, (0, 0))
        if key not in api_good:
            status = "missing_in_api"
        elif w_events == 0 and api_good[key][0] > 0:
            status = "missing_in_warehouse"
        elif api_good[key] == (w_events, w_users):
            status = "match"
        else:
            status = "mismatch"
        out.reconciliation[key] = status
    # CRM quarantine
    staged_crm(read_csv(seed_dir / "raw_crm_companies.csv"), countries, out.quarantine)
    return out
