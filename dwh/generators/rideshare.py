"""Sample raw data for the rideshare domain (carpooling; contract: docs/contracts/rideshare.md).

Three daily load batches of rides, their segments (one per passenger) and ride requests, with daily
full exports of the users (riders and drivers) and one-off loads of vehicles and locations. Every
case the marts must survive is planted on purpose and listed by name in `Generated.planted`:

* carpool rides with one to four riders, one whose two riders are picked up at the same second (a
  pickup tie, broken by segment id), regular and XL rides with one rider each,
* a cancelled ride (no end, fare 0, its segment cancelled), a rider who cancels inside a carpool,
* unmatched and rider-cancelled requests,
* a rider whose home city changes between exports (SCD2) and rides before and after the change,
* a ride whose segment fares do not add up to its fare (the warning test lists it),
* a segment that lands a batch after its ride, a ride corrected in a later batch, exact replays,
* a ride and a drop-off in the same zone (no detour ratio),
* bad rows of every kind: null ids, unknown ride types and statuses, a ride ending before it starts,
  a segment dropped off before its pickup, a segment outside its ride, a segment of a ride that
  never lands, negative fares, a matched request without its segment, a ride stamped after its
  load, an unknown user type, a vehicle without seats, a location off the globe.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from dwh.contracts import raw_columns
from dwh.csvio import Value, write_table
from dwh.generators import Generated

DOMAIN = "rideshare"
FIRST_DAY = date(2026, 3, 1)
BATCHES = 3

RIDE_COLUMNS = raw_columns("raw_rides")
SEGMENT_COLUMNS = raw_columns("raw_ride_segments")
REQUEST_COLUMNS = raw_columns("raw_ride_requests")
USER_COLUMNS = raw_columns("raw_rideshare_users")
VEHICLE_COLUMNS = raw_columns("raw_vehicles")
LOCATION_COLUMNS = raw_columns("raw_locations")

# zone, name, city, latitude, longitude
LOCATIONS = (
    ("L01", "Central Station", "Stockholm", 59.3300, 18.0586),
    ("L02", "Södermalm", "Stockholm", 59.3150, 18.0710),
    ("L03", "Kungsholmen", "Stockholm", 59.3326, 18.0299),
    ("L04", "Arlanda Airport", "Stockholm", 59.6498, 17.9238),
    ("L05", "Östermalm", "Stockholm", 59.3380, 18.0880),
    ("L11", "Centralstation", "Gothenburg", 57.7089, 11.9730),
    ("L12", "Linné", "Gothenburg", 57.6960, 11.9520),
    ("L13", "Landvetter Airport", "Gothenburg", 57.6688, 12.2920),
)
CITY_ZONES = {"Stockholm": ["L01", "L02", "L03", "L04", "L05"], "Gothenburg": ["L11", "L12", "L13"]}

# driver, vehicle, make, model, year, seats, class, city
DRIVERS = (
    ("U101", "V01", "Volvo", "XC60", 2022, 4, "standard", "Stockholm"),
    ("U102", "V02", "Tesla", "Model Y", 2024, 4, "standard", "Stockholm"),
    ("U103", "V03", "Volkswagen", "Multivan", 2021, 6, "xl", "Stockholm"),
    ("U104", "V04", "Toyota", "Corolla", 2020, 4, "standard", "Gothenburg"),
    ("U105", "V05", "Kia", "EV9", 2025, 6, "xl", "Gothenburg"),
)
FIRST_NAMES = ("Alva", "Liam", "Maja", "Noah", "Elsa", "Hugo", "Wilma", "Oscar", "Astrid", "Nils", "Saga",
               "Erik", "Freja", "Olle", "Ebba", "Viggo", "Ines", "Arvid", "Tyra", "Sixten")
RIDERS = tuple(f"U{n:03d}" for n in range(1, 17))
MOVER = "U003"  # moves from Stockholm to Gothenburg in the second export
MOVE_BATCH = 1


def batch_stamp(batch: int) -> datetime:
    """Batch `batch` (0-based) lands at 06:00 on day batch + 1, holding the day before."""
    return datetime.combine(FIRST_DAY + timedelta(days=batch + 1), time(6, 0))


def _home_city(rider: str, batch: int) -> str:
    if rider == MOVER:
        return "Gothenburg" if batch >= MOVE_BATCH else "Stockholm"
    return "Gothenburg" if int(rider[1:]) % 4 == 0 else "Stockholm"


def _km(a: str, b: str) -> float:
    """Great-circle km between two zones' centres (the marts' haversine, R = 6371.0088 km)."""
    (lat1, lon1), (lat2, lon2) = ((math.radians(z[3]), math.radians(z[4])) for z in LOCATIONS if z[0] in (a, b)) \
        if a != b else ((0.0, 0.0), (0.0, 0.0))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


@dataclass
class _Builder:
    rng: random.Random
    rides: list[tuple[Value, ...]] = field(default_factory=list)
    segments: list[tuple[Value, ...]] = field(default_factory=list)
    requests: list[tuple[Value, ...]] = field(default_factory=list)
    planted: dict[str, list[str]] = field(default_factory=dict)
    ride_serial: int = 0
    request_serial: int = 0

    def plant(self, case: str, key: str) -> None:
        self.planted.setdefault(case, []).append(key)

    def request(self, rider: str, at: datetime, ride_type: str, pickup: str, dropoff: str, status: str,
                segment: str | None, batch: int) -> str:
        self.request_serial += 1
        request_id = f"RQ{self.request_serial:05d}"
        self.requests.append((request_id, rider, at, ride_type, pickup, dropoff, status, segment,
                              batch_stamp(batch)))
        return request_id

    def ride(self, driver: int, ride_type: str, start: datetime, riders: list[tuple[str, str, str, int, int]],
             *, cancelled: bool = False, cancelled_riders: tuple[str, ...] = (), fare_error: Decimal = Decimal(0),
             segment_batch: dict[str, int] | None = None) -> str:
        """One ride: riders are (rider, pickup zone, drop-off zone, pickup minute, drop-off minute) with
        minutes counted from `start`. Segment fares add up to the ride fare (plus `fare_error`)."""
        self.ride_serial += 1
        ride_id = f"R{self.ride_serial:04d}"
        batch = (start.date() - FIRST_DAY).days
        driver_id, vehicle_id = DRIVERS[driver][0], DRIVERS[driver][1]
        segment_rows: list[list[Any]] = []
        for n, (rider, pickup, dropoff, on, off) in enumerate(riders, start=1):
            segment_id = f"{ride_id}-S{n}"
            rider_cancelled = cancelled or rider in cancelled_riders
            # the road is 10-50 % longer than the straight line (a ride inside one zone: 1-3 km)
            straight = _km(pickup, dropoff)
            distance = _money(straight * self.rng.uniform(1.1, 1.5) if straight else self.rng.uniform(1.0, 3.0))
            fare = Decimal("0.00") if rider_cancelled else _money(4.0 + float(distance) * 1.6)
            segment_rows.append([
                segment_id, ride_id, rider, start + timedelta(minutes=on),
                None if rider_cancelled else start + timedelta(minutes=off), pickup, dropoff, fare, distance,
                "cancelled" if rider_cancelled else "completed",
            ])
            requested = start - timedelta(minutes=self.rng.randint(3, 12)) + timedelta(minutes=on)
            self.request(rider, requested, ride_type, pickup, dropoff, "matched", segment_id, batch)
        completed = [s for s in segment_rows if s[9] == "completed"]
        if cancelled or not completed:
            end, total_fare, status = None, Decimal("0.00"), "cancelled"
            for s in segment_rows:
                s[4] = None
        else:
            end = max(s[4] for s in completed) + timedelta(minutes=1)
            total_fare, status = sum((s[7] for s in completed), Decimal("0.00")) + fare_error, "completed"
        total_distance = sum((s[8] for s in segment_rows), Decimal("0.00")) + Decimal("0.80")
        self.rides.append((ride_id, driver_id, vehicle_id, ride_type, status, start, end, riders[0][1],
                           riders[-1][2], total_fare, total_distance, batch_stamp(batch)))
        for s in segment_rows:
            landed = (segment_batch or {}).get(str(s[0]), batch)
            self.segments.append((*s, batch_stamp(landed)))
        return ride_id


def _day(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(FIRST_DAY + timedelta(days=day), time(hour, minute))


def _planted(b: _Builder) -> None:
    # a carpool of four, then the pickup tie: two riders picked up at the same second
    b.plant("carpool_of_four", b.ride(0, "carpool", _day(0, 8, 0), [
        ("U001", "L01", "L05", 0, 14), ("U002", "L01", "L02", 3, 20), ("U005", "L03", "L02", 8, 26),
        ("U006", "L03", "L05", 10, 31)]))
    b.plant("pickup_tie", b.ride(1, "carpool", _day(0, 9, 0), [
        ("U007", "L02", "L03", 0, 18), ("U009", "L02", "L01", 0, 12)]))
    # a cancelled ride and a rider who cancels inside a carpool
    b.plant("cancelled_ride", b.ride(2, "xl", _day(0, 11, 0), [("U010", "L04", "L01", 0, 40)], cancelled=True))
    b.plant("rider_cancelled_in_carpool", b.ride(0, "carpool", _day(1, 17, 30), [
        ("U011", "L01", "L03", 0, 15), ("U012", "L01", "L05", 2, 18)], cancelled_riders=("U012",)))
    # the mover rides in Stockholm before the move and in Gothenburg after it
    b.plant("mover_before", b.ride(1, "regular", _day(0, 19, 0), [(MOVER, "L02", "L04", 0, 35)]))
    b.plant("mover_after", b.ride(3, "regular", _day(2, 9, 15), [(MOVER, "L11", "L13", 0, 25)]))
    # segment fares that do not add up, a ride inside one zone, a segment that lands late
    b.plant("fare_mismatch", b.ride(4, "carpool", _day(1, 12, 0), [
        ("U004", "L11", "L12", 0, 11), ("U008", "L11", "L13", 4, 29)], fare_error=Decimal("2.50")))
    b.plant("same_zone", b.ride(3, "regular", _day(1, 13, 0), [("U016", "L12", "L12", 0, 9)]))
    late = b.ride(0, "carpool", _day(1, 21, 0), [("U013", "L05", "L02", 0, 13), ("U014", "L05", "L01", 2, 16)],
                  segment_batch={f"R{b.ride_serial + 1:04d}-S2": 2})
    b.plant("late_segment", f"{late}-S2")


def _daily(b: _Builder) -> None:
    """The ordinary traffic around the planted cases: a dozen rides a day in each city."""
    rng = b.rng
    for day in range(BATCHES):
        for n in range(12):
            city = "Stockholm" if n % 3 else "Gothenburg"
            drivers = [i for i, d in enumerate(DRIVERS) if d[7] == city]
            driver = drivers[n % len(drivers)]
            zones = CITY_ZONES[city]
            ride_type = ("regular", "carpool", "xl", "carpool")[n % 4]
            if ride_type == "xl" and DRIVERS[driver][6] != "xl":
                ride_type = "regular"
            riders_here = [r for r in RIDERS if _home_city(r, day) == city and r != MOVER]
            count = rng.randint(1, 3) if ride_type == "carpool" else 1
            chosen = rng.sample(riders_here, min(count, len(riders_here)))
            start = _day(day, 6 + n, rng.randint(0, 40))
            riders = []
            for k, rider in enumerate(chosen):
                on = k * rng.randint(2, 6)
                riders.append((rider, rng.choice(zones), rng.choice(zones), on, on + rng.randint(8, 30)))
            b.ride(driver, ride_type, start, riders)
        # requests that found no ride, and riders who gave up
        for n in range(3):
            rider = RIDERS[(day * 5 + n) % len(RIDERS)]
            city = _home_city(rider, day)
            zones = CITY_ZONES[city]
            status = "unmatched" if n < 2 else "cancelled_by_rider"
            key = b.request(rider, _day(day, 7 + 4 * n, 10), "carpool" if n != 1 else "regular", zones[0],
                            zones[-1], status, None, day)
            b.plant(status, key)


def _late_corrected_and_replayed(b: _Builder) -> None:
    # a ride corrected in a later batch: its distance was wrong
    ride = next(r for r in b.rides if r[0] == "R0020")
    b.rides.append((*ride[:10], Decimal(str(ride[10])) + Decimal("1.00"), batch_stamp(2)))
    b.plant("corrected_ride", "R0020")
    # exact replays: a ride, a segment and a request landing again in a later batch
    b.rides.append((*b.rides[0][:-1], batch_stamp(1)))
    b.segments.append((*b.segments[0][:-1], batch_stamp(2)))
    b.requests.append((*b.requests[0][:-1], batch_stamp(1)))
    b.plant("replayed_ride", str(b.rides[0][0]))


def _bad_rows(b: _Builder) -> None:
    stamp = batch_stamp(1)
    at = _day(1, 10, 0)
    ride = ("L01", "L02", Decimal("12.00"), Decimal("5.00"), stamp)
    b.rides += [
        (None, "U101", "V01", "regular", "completed", at, at + timedelta(minutes=9), *ride),
        ("RB01", "U101", "V01", "helicopter", "completed", at, at + timedelta(minutes=9), *ride),
        ("RB02", "U101", "V01", "regular", "lost", at, at + timedelta(minutes=9), *ride),
        ("RB03", "U101", "V01", "regular", "completed", at, at - timedelta(minutes=9), *ride),
        ("RB04", "U101", "V01", "regular", "completed", at, at + timedelta(minutes=9), "L01", "L02",
         Decimal("-3.00"), Decimal("5.00"), stamp),
        ("RB05", "U101", "V01", "regular", "completed", _day(2, 10), _day(2, 10, 9), *ride),  # after its load
        ("RB06", None, "V01", "regular", "completed", at, at + timedelta(minutes=9), *ride),
    ]
    good = next(r for r in b.rides if r[0] == "R0015")
    start = cast(datetime, good[5])
    seg = (Decimal("5.00"), Decimal("2.00"), "completed", stamp)
    b.segments += [
        (None, "R0015", "U001", start, start + timedelta(minutes=5), "L01", "L02", *seg),
        ("R0015-SB1", "R0015", "U001", start + timedelta(minutes=9), start + timedelta(minutes=2), "L01", "L02",
         *seg),  # dropped off before its pickup
        ("R0015-SB2", "R0015", "U001", start - timedelta(hours=2), start - timedelta(hours=1), "L01", "L02",
         *seg),  # outside its ride
        ("R0015-SB3", "R0015", "U001", start, start + timedelta(minutes=5), "L01", "L02", Decimal("-1.00"),
         Decimal("2.00"), "completed", stamp),
        ("R0015-SB4", "R0015", "U001", start, start + timedelta(minutes=5), "L01", "L02", Decimal("5.00"),
         Decimal("2.00"), "lost", stamp),
        ("RX99-S1", "RX99", "U001", start, start + timedelta(minutes=5), "L01", "L02", *seg),  # ride never lands
    ]
    b.plant("segment_outside_ride", "R0015-SB2")
    b.plant("segment_of_unknown_ride", "RX99-S1")
    b.requests += [
        ("RQB01", "U001", at, "carpool", "L01", "L02", "maybe", None, stamp),
        ("RQB02", "U001", at, "carpool", "L01", "L02", "matched", None, stamp),
        ("RQB03", "U001", at, "boat", "L01", "L02", "unmatched", None, stamp),
        ("RQB04", None, at, "carpool", "L01", "L02", "unmatched", None, stamp),
    ]


def _users() -> list[tuple[Value, ...]]:
    rows: list[tuple[Value, ...]] = []
    people = [(r, "rider") for r in RIDERS] + [(d[0], "driver") for d in DRIVERS]
    for batch in range(BATCHES):
        export = batch_stamp(batch).date()
        for n, (user, kind) in enumerate(people):
            first = FIRST_NAMES[n % len(FIRST_NAMES)]
            city = _home_city(user, batch) if kind == "rider" else next(d[7] for d in DRIVERS if d[0] == user)
            email = f"{first.lower()}.lind{n}@example.com"
            phone = f"+46 70 {100 + n:03d} {2000 + n * 7:04d}"
            rows.append((user, kind, f"{first} Lind{n}", email, phone, city,
                         datetime(2025, 1, 1) + timedelta(days=11 * n), export, batch_stamp(batch)))
    rows.append(("U901", "alien", "Zed Zed", "zed@example.com", "+46 70 999 9999", "Stockholm",
                 datetime(2025, 1, 1), batch_stamp(1).date(), batch_stamp(1)))  # unknown user type
    return rows


def _vehicles() -> list[tuple[Value, ...]]:
    rows: list[tuple[Value, ...]] = [(d[1], d[0], d[2], d[3], d[4], d[5], d[6], batch_stamp(0)) for d in DRIVERS]
    rows.append(("V99", "U101", "Fiat", "500", 2019, 0, "standard", batch_stamp(1)))  # no seats
    return rows


def _locations() -> list[tuple[Value, ...]]:
    rows: list[tuple[Value, ...]] = [(*zone, batch_stamp(0)) for zone in LOCATIONS]
    rows.append(("L99", "Nowhere", "Stockholm", 123.0, 18.0, batch_stamp(1)))  # off the globe
    return rows


def generate(out_dir: Path, seed: int = 42) -> Generated:
    """Write the six raw tables under out_dir/rideshare."""
    builder = _Builder(random.Random(seed))
    _planted(builder)
    _daily(builder)
    _late_corrected_and_replayed(builder)
    _bad_rows(builder)
    target = out_dir / DOMAIN
    by_load = lambda row: (str(row[-1]), str(row[0]))  # noqa: E731
    counts = {
        "raw_rides": write_table(target / "raw_rides.csv", RIDE_COLUMNS, sorted(builder.rides, key=by_load)),
        "raw_ride_segments": write_table(target / "raw_ride_segments.csv", SEGMENT_COLUMNS,
                                         sorted(builder.segments, key=by_load)),
        "raw_ride_requests": write_table(target / "raw_ride_requests.csv", REQUEST_COLUMNS,
                                         sorted(builder.requests, key=by_load)),
        "raw_rideshare_users": write_table(target / "raw_rideshare_users.csv", USER_COLUMNS, _users()),
        "raw_vehicles": write_table(target / "raw_vehicles.csv", VEHICLE_COLUMNS, _vehicles()),
        "raw_locations": write_table(target / "raw_locations.csv", LOCATION_COLUMNS, _locations()),
    }
    return Generated(counts=counts, planted=builder.planted)
