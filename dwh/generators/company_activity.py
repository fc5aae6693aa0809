"""Sample raw data for the company-activity domain (contract: docs/contracts/company_activity.md).

The story: a CRM exported weekly, product telemetry landing in weekly load batches, and the
Product API pulled for the days of each batch. Every awkward case the warehouse must survive is
planted on purpose and listed in `PLANTED` so that tests can find it by name:

* replayed events (the same row again, in the same batch and in a later one),
* corrected events (same `event_id`, changed fields, a later batch wins),
* events landing up to three weeks late,
* weekly CRM exports in which attributes change, countries arrive lower-case or padded,
  one company is deleted, one joins late, and one company has events but no CRM record,
* API re-pulls (a first, partial pull corrected by a later one) and a few genuine mismatches,
* bad rows (null keys, an unknown country code, timestamps later than their load) that must
  end up in quarantine; one good event is later re-sent broken and so leaves the marts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from dwh.contracts import raw_columns
from dwh.csvio import Value, write_table
from dwh.generators import Generated

DOMAIN = "company_activity"
FIRST_DAY = date(2026, 1, 5)  # a Monday
WEEKS = 10  # 70 days of activity, 10 weekly load batches
DAYS = WEEKS * 7
N_COMPANIES = 45
NO_CRM_COMPANY = "C046"  # has events, never appears in the CRM
DELETED_COMPANY = "C007"  # missing from the CRM exports from week 6 on
LATE_JOINER = "C044"  # first appears in the CRM export of week 3
DELETED_FROM_WEEK = 6
JOINS_IN_WEEK = 3
CORRECTED_NAMES = ("C017", "C018")  # names fixed in a partial re-send of the week-2 export
QUIET_COMPANIES = ("C010", "C020", "C030")  # go quiet for 15-25 days: churn risk
COUNTRIES = ("US", "GB", "DE", "FR", "NL", "SE", "ES", "IT", "CA", "AU", "JP", "BR", "IN", "PL")
INDUSTRIES = ("saas", "fintech", "retail", "health", "media", "logistics", "education")
EVENT_TYPES = ("login", "page_view", "click", "report_export", "invite_sent", "search")

CRM_COLUMNS = raw_columns("raw_crm_companies")
API_COLUMNS = raw_columns("raw_product_usage_api")
EVENT_COLUMNS = raw_columns("raw_product_events")


def batch_stamp(week: int) -> datetime:
    """Load batch `week` (0-based) lands at 06:00 on the Monday after that week."""
    return datetime.combine(FIRST_DAY + timedelta(days=7 * (week + 1)), time(6, 0))


def batch_of(moment: datetime) -> int:
    """The first batch stamped after `moment`."""
    return min(WEEKS - 1, max(0, (moment.date() - FIRST_DAY).days // 7))


@dataclass(frozen=True)
class Event:
    event_id: str | None
    company_id: str | None
    user_id: str | None
    event_type: str | None
    occurred_at: datetime
    loaded_at: datetime

    def row(self) -> tuple[Value, ...]:
        return (self.event_id, self.company_id, self.user_id, self.event_type,
                self.occurred_at, self.loaded_at)


@dataclass
class Company:
    company_id: str
    name: str
    country: str
    industry_tag: str
    users: list[str]
    activity: float  # probability of a user being active on a given day
    first_day: int


def _companies(rng: random.Random) -> list[Company]:
    companies = []
    for n in range(1, N_COMPANIES + 2):  # C001..C046
        cid = f"C{n:03d}"
        users = [f"{cid}-U{u:02d}" for u in range(1, rng.randint(2, 12) + 1)]
        companies.append(Company(
            company_id=cid,
            name=f"Company {n:03d} {rng.choice(['Ltd', 'Inc', 'GmbH', 'AB', 'SA'])}",
            country=rng.choice(COUNTRIES),
            industry_tag=rng.choice(INDUSTRIES),
            users=users,
            activity=rng.uniform(0.05, 0.45),
            first_day=0 if n <= 30 else rng.randint(1, 40),
        ))
    return companies


def _quiet_days(company_id: str, rng: random.Random) -> range:
    if company_id in QUIET_COMPANIES:
        start = rng.randint(20, 35)
        return range(start, start + rng.randint(15, 25))
    return range(0)


def _true_events(companies: list[Company], rng: random.Random) -> list[Event]:
    """The events as they really happened, with the batch each first lands in."""
    events: list[Event] = []
    serial = 0
    for company in companies:
        quiet = _quiet_days(company.company_id, rng)
        for day in range(company.first_day, DAYS):
            if day in quiet:
                continue
            for user in company.users:
                if rng.random() >= company.activity:
                    continue
                for _ in range(rng.randint(1, 4)):
                    serial += 1
                    occurred = datetime.combine(FIRST_DAY + timedelta(days=day), time(0)) + timedelta(
                        seconds=rng.randint(0, 86_399))
                    week = batch_of(occurred)
                    if rng.random() < 0.05:  # late: up to three weeks after its own batch
                        week = min(WEEKS - 1, week + rng.randint(1, 3))
                    events.append(Event(f"E{serial:06d}", company.company_id, user,
                                        rng.choice(EVENT_TYPES), occurred, batch_stamp(week)))
    return events


def _event_rows(events: list[Event], rng: random.Random) -> tuple[list[Event], list[Event], dict[str, list[str]]]:
    """Raw rows: the events plus replays, corrections and bad rows.

    Returns (raw rows, the events as the API saw them, planted cases)."""
    planted: dict[str, list[str]] = {"replayed": [], "corrected": [], "moved_day": [], "moved_company": [],
                                     "late_over_2_weeks": [], "resent_broken": [], "broken_then_fixed": []}
    raw: list[Event] = []
    final: dict[str, Event] = {}
    for event in events:
        assert event.event_id is not None
        raw.append(event)
        final[event.event_id] = event
        first_week = batch_of(event.occurred_at)
        if event.loaded_at >= batch_stamp(first_week) + timedelta(days=14):
            planted["late_over_2_weeks"].append(event.event_id)
        draw = rng.random()
        later = batch_stamp(min(WEEKS - 1, batch_of(event.loaded_at - timedelta(days=1)) + rng.randint(1, 2)))
        if draw < 0.02:  # replayed in the same batch (an exact duplicate row)
            raw.append(event)
            planted["replayed"].append(event.event_id)
        elif draw < 0.04 and later > event.loaded_at:  # replayed in a later batch
            raw.append(replace(event, loaded_at=later))
            planted["replayed"].append(event.event_id)
        elif draw < 0.055 and later > event.loaded_at:  # corrected: a different event type
            fixed = replace(event, event_type="click" if event.event_type != "click" else "search",
                            loaded_at=later)
            raw.append(fixed)
            final[event.event_id] = fixed
            planted["corrected"].append(event.event_id)
        elif draw < 0.06 and later > event.loaded_at:  # corrected: it happened a day earlier
            fixed = replace(event, occurred_at=event.occurred_at - timedelta(days=1), loaded_at=later)
            raw.append(fixed)
            final[event.event_id] = fixed
            planted["moved_day"].append(event.event_id)
    # A correction that moves an event to another company (wrongly attributed at first).
    movers = [e for e in events if e.loaded_at < batch_stamp(WEEKS - 2) and e.company_id != NO_CRM_COMPANY]
    for event in rng.sample(movers, 3):
        assert event.event_id is not None
        fixed = replace(event, company_id="C001", user_id="C001-U01", loaded_at=batch_stamp(WEEKS - 1))
        raw.append(fixed)
        final[event.event_id] = fixed
        planted["moved_company"].append(event.event_id)
    # A good event later re-sent with a timestamp after its own load: the newest row decides,
    # so the event leaves the marts (and the API, which saw it, disagrees).
    victim = rng.choice([e for e in events
                         if e.loaded_at <= batch_stamp(4) and final[str(e.event_id)] is e and e.company_id != "C001"])
    assert victim.event_id is not None
    raw.append(replace(victim, occurred_at=batch_stamp(7) + timedelta(days=3), loaded_at=batch_stamp(7)))
    del final[victim.event_id]
    planted["resent_broken"].append(victim.event_id)
    seen_by_api = [*final.values(), victim]
    # Bad rows that never become good: they must land in quarantine.
    stamp = batch_stamp(3)
    when = stamp - timedelta(days=2)
    raw += [
        Event(None, "C002", "C002-U01", "login", when, stamp),  # null event_id
        Event(None, "C003", "C003-U01", "click", when, batch_stamp(5)),  # null event_id
        Event("EBAD01", None, "C004-U01", "login", when, stamp),  # null company_id
        Event("EBAD02", "C005", "C005-U01", "login", stamp + timedelta(days=30), stamp),  # future
        Event("EBAD03", "C006", "C006-U01", "login", stamp + timedelta(hours=2), stamp),  # future
        Event("EBAD04", "C008", "C008-U01", "   ", when, stamp),  # blank event type
        Event("EBAD05", "C009", None, "click", when, stamp),  # null user_id
    ]
    # A broken row that a later batch fixes: only the fixed version counts.
    broken = Event("EFIX01", "C011", "C011-U01", "login", batch_stamp(2) + timedelta(days=5), batch_stamp(2))
    fixed = replace(broken, occurred_at=batch_stamp(2) - timedelta(hours=5), loaded_at=batch_stamp(4))
    raw += [broken, fixed]
    final["EFIX01"] = fixed
    planted["broken_then_fixed"].append("EFIX01")
    return raw, sorted(seen_by_api, key=lambda e: str(e.event_id)), planted


def _crm_rows(companies: list[Company], rng: random.Random) -> list[tuple[Value, ...]]:
    """Weekly full exports; attributes drift, formats wobble, one company is deleted."""
    rows: list[tuple[Value, ...]] = []
    contacts: dict[str, list[datetime]] = {}
    for company in companies:
        days = sorted(rng.sample(range(-60, DAYS), rng.randint(0, 6)))
        contacts[company.company_id] = [
            datetime.combine(FIRST_DAY + timedelta(days=d), time(rng.randint(8, 17), rng.choice([0, 15, 30, 45])))
            for d in days]
    changes = {c.company_id: rng.randint(2, WEEKS - 1) for c in rng.sample(companies[:N_COMPANIES], 6)}
    for week in range(WEEKS):
        stamp = batch_stamp(week)
        export_date = stamp.date()
        for company in companies:
            cid = company.company_id
            if cid == NO_CRM_COMPANY or (cid == DELETED_COMPANY and week >= DELETED_FROM_WEEK):
                continue
            if cid == LATE_JOINER and week < JOINS_IN_WEEK:
                continue
            industry = company.industry_tag
            name = company.name
            if cid in changes and week >= changes[cid]:
                industry = INDUSTRIES[(INDUSTRIES.index(industry) + 1) % len(INDUSTRIES)]
                if cid in ("C012", "C013", "C014", "C015") or rng.random() < 0.3:
                    name = name.replace("Company", "Renamed Co")
            if cid in CORRECTED_NAMES and week > 2:
                name = f"{name} (corrected)"
            country: str = company.country
            wobble = (int(cid[1:]) + week) % 9
            if wobble == 0:
                country = country.lower()
            elif wobble == 4:
                country = f" {country} "
            past = [c for c in contacts[cid] if c.date() < export_date]
            rows.append((cid, name, country, industry, max(past) if past else None, export_date, stamp))
    # An unknown country in the week-4 export (fixed the next week) and a row with no company_id.
    bad_week = batch_stamp(4)
    for i, row in enumerate(rows):
        if row[0] == "C016" and row[6] == bad_week:
            rows[i] = (row[0], row[1], "XX", *row[3:])
    rows.append((None, "Nameless Ltd", "US", "saas", None, bad_week.date(), bad_week))
    # The week-2 export is re-sent in part the next week with names the CRM corrected (and keeps
    # from then on): the newest load of an export wins.
    week2 = [r for r in rows if r[6] == batch_stamp(2) and r[0] in CORRECTED_NAMES]
    rows += [(r[0], f"{r[1]} (corrected)", *r[2:6], batch_stamp(3)) for r in week2]
    # And one export row replayed exactly.
    rows.append(rows[5])
    return rows


def _api_rows(api_events: list[Event], companies: list[Company], rng: random.Random,
              planted: dict[str, list[str]]) -> list[tuple[Value, ...]]:
    """Daily figures per company as the API reports them, pulled with each batch."""
    truth: dict[tuple[str, date], tuple[set[str], int]] = {}
    for event in api_events:
        assert event.company_id is not None and event.user_id is not None
        users, count = truth.get((event.company_id, event.occurred_at.date()), (set(), 0))
        truth[(event.company_id, event.occurred_at.date())] = (users | {event.user_id}, count + 1)
    # A day the API reports that the warehouse never received.
    empty_day = next(FIRST_DAY + timedelta(days=d) for d in range(50, DAYS)
                     if ("C021", FIRST_DAY + timedelta(days=d)) not in truth)
    truth[("C021", empty_day)] = ({"C021-U01", "C021-U02"}, 9)
    planted["missing_in_warehouse"] = [f"C021|{empty_day}"]
    rows: list[tuple[Value, ...]] = []
    skipped = 0
    for company in companies:
        for day in range(company.first_day, DAYS):
            day_date = FIRST_DAY + timedelta(days=day)
            users, count = truth.get((company.company_id, day_date), (set(), 0))
            if count == 0 and rng.random() < 0.8:
                continue  # the API mostly omits empty days; the rest come back as zeros
            if count and skipped < 2 and rng.random() < 0.01:
                skipped += 1  # missing in the API
                planted.setdefault("missing_in_api", []).append(f"{company.company_id}|{day_date}")
                continue
            stamp = batch_stamp(batch_of(datetime.combine(day_date, time(12))))
            reported = count
            if count and len(planted.setdefault("api_mismatch", [])) < 3 and rng.random() < 0.01:
                reported = count + 2  # a genuine disagreement with the warehouse
                planted["api_mismatch"].append(f"{company.company_id}|{day_date}")
            if count > 1 and rng.random() < 0.05 and stamp < batch_stamp(WEEKS - 1):
                # a partial first pull, re-pulled a week later with the full figure
                rows.append((company.company_id, day_date, len(users), count - 1, stamp))
                stamp = stamp + timedelta(days=7)
                planted.setdefault("api_repulled", []).append(f"{company.company_id}|{day_date}")
            rows.append((company.company_id, day_date, len(users), reported, stamp))
    bad = batch_stamp(5)
    rows += [
        ("C022", FIRST_DAY + timedelta(days=30), 3, -4, bad),  # negative events
        (None, FIRST_DAY + timedelta(days=30), 1, 1, bad),  # null company_id
    ]
    rows.append(rows[10])  # an exact re-pull
    return rows


def generate(out_dir: Path, seed: int = 42) -> Generated:
    """Write the three raw tables under out_dir/company_activity."""
    rng = random.Random(seed)
    companies = _companies(rng)
    events = _true_events(companies, rng)
    raw_events, api_events, planted = _event_rows(events, rng)
    crm = _crm_rows(companies, rng)
    api = _api_rows(api_events, companies, rng, planted)
    target = out_dir / DOMAIN
    raw_events.sort(key=lambda e: (e.loaded_at, str(e.event_id), e.occurred_at))
    counts = {
        "raw_crm_companies": write_table(target / "raw_crm_companies.csv", CRM_COLUMNS, crm),
        "raw_product_usage_api": write_table(target / "raw_product_usage_api.csv", API_COLUMNS, api),
        "raw_product_events": write_table(target / "raw_product_events.csv", EVENT_COLUMNS,
                                          (e.row() for e in raw_events)),
    }
    return Generated(counts=counts, planted=planted)
