"""Sample raw data for the delivery domain (order batching; contract: docs/contracts/delivery.md).

Three daily load batches of orders, deliveries, delivery batches with their batch deliveries,
waypoints and state changes, with daily full exports of the drivers and restaurants and one-off
loads of customers and batching algorithms. A day is simulated driver by driver: each driver takes
individual deliveries and batches of one to five deliveries (picked up in one order, dropped off in
another), and every case the marts must survive is planted and listed in `Generated.planted`:

* a batch cancelled after assignment whose deliveries are then batched again (a delivery belongs to
  at most one non-cancelled batch), a batch whose dispatch total is wrong,
* a batch that lands in progress and completes in the next batch (its row and deliveries updated),
* a driver whose tier changes, a driver who is suspended, a restaurant whose prep time changes (SCD2),
* cancelled orders, customers who order from a restaurant again,
* exact replays, and bad rows of every kind: null ids, unknown statuses, vehicle types and tiers,
  negative money, an order stamped after its load, batch times out of order, an unknown state
  change, a waypoint off the globe, a sequence below 1.

Enough volume for the seed's analyses to pass their own thresholds: each driver delivers more than
20 orders and each restaurant receives more than 50 over the three days.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from dwh.contracts import raw_columns
from dwh.csvio import Value, write_table
from dwh.generators import Generated

DOMAIN = "delivery"
FIRST_DAY = date(2026, 3, 1)
BATCHES = 3
ORDERS_PER_DAY = 120

ORDER_COLUMNS = raw_columns("raw_orders")
DELIVERY_COLUMNS = raw_columns("raw_deliveries")
DRIVER_COLUMNS = raw_columns("raw_drivers")
RESTAURANT_COLUMNS = raw_columns("raw_restaurants")
CUSTOMER_COLUMNS = raw_columns("raw_customers")
ALGORITHM_COLUMNS = raw_columns("raw_batching_algorithms")
BATCH_COLUMNS = raw_columns("raw_delivery_batches")
BATCH_DELIVERY_COLUMNS = raw_columns("raw_batch_deliveries")
WAYPOINT_COLUMNS = raw_columns("raw_batch_waypoints")
STATE_CHANGE_COLUMNS = raw_columns("raw_batch_state_changes")

# id, external id, name, cuisine, lat, lng, prep minutes, handles batch pickups, partner
RESTAURANTS = (
    (201, "RST-201", "Pizza Palace", "italian", 37.7759, -122.4180, 20, True, True),
    (202, "RST-202", "Burger Barn", "american", 37.7770, -122.4160, 15, True, False),
    (203, "RST-203", "Sushi Spot", "japanese", 37.7740, -122.4200, 25, False, True),
    (204, "RST-204", "Taco Town", "mexican", 37.7801, -122.4122, 12, True, False),
    (205, "RST-205", "Curry Corner", "indian", 37.7712, -122.4245, 22, True, True),
    (206, "RST-206", "Green Bowl", "salads", 37.7788, -122.4077, 10, True, False),
)
PREP_CHANGE = (203, 1, 32)  # restaurant, from batch, new avg prep minutes
# id, external id, since, vehicle, insulated bag, capacity, tier
DRIVERS = (
    (101, "DRV001", date(2023, 5, 1), "car", True, 5, "premium"),
    (102, "DRV002", date(2024, 2, 11), "bike", True, 2, "standard"),
    (103, "DRV003", date(2022, 9, 30), "car", True, 5, "standard"),
    (104, "DRV004", date(2025, 11, 2), "scooter", False, 3, "new"),
    (105, "DRV005", date(2024, 7, 19), "car", True, 4, "standard"),
    (106, "DRV006", date(2025, 1, 5), "walking", False, 1, "new"),
)
TIER_CHANGE = (103, 1, "premium")  # driver, from batch, new tier
SUSPENDED = (105, 2)  # driver, from batch
# key, name, version, max size, max distance, deployed, deprecated, traffic
ALGORITHMS = (
    (1, "nearest_neighbor", "v1.0", 4, Decimal("8.00"), datetime(2024, 1, 1), None, Decimal("0.2500")),
    (2, "genetic_algorithm", "v2.1", 5, Decimal("12.00"), datetime(2024, 1, 15), None, Decimal("0.2500")),
    (3, "ml_optimized", "v1.5", 4, Decimal("10.00"), datetime(2024, 2, 1), None, Decimal("0.3000")),
    (4, "no_batching", "v1.0", 1, Decimal("0.00"), datetime(2024, 1, 1), None, Decimal("0.2000")),
)
CUSTOMERS = tuple(range(301, 341))
NAMES = ("Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun")


def batch_stamp(batch: int) -> datetime:
    """Batch `batch` (0-based) lands at 06:00 on day batch + 1, holding the day before."""
    return datetime.combine(FIRST_DAY + timedelta(days=batch + 1), time(6, 0))


def _miles(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def _restaurant(restaurant_id: int) -> tuple:  # type: ignore[type-arg]
    return next(r for r in RESTAURANTS if r[0] == restaurant_id)


@dataclass
class _Order:
    order_id: int
    customer: int
    restaurant: int
    at: datetime
    lat: float
    lng: float
    cancelled: bool = False


@dataclass
class _Builder:
    rng: random.Random
    orders: list[tuple[Value, ...]] = field(default_factory=list)
    deliveries: list[tuple[Value, ...]] = field(default_factory=list)
    batches: list[tuple[Value, ...]] = field(default_factory=list)
    batch_deliveries: list[tuple[Value, ...]] = field(default_factory=list)
    waypoints: list[tuple[Value, ...]] = field(default_factory=list)
    state_changes: list[tuple[Value, ...]] = field(default_factory=list)
    planted: dict[str, list[str]] = field(default_factory=dict)
    serial: dict[str, int] = field(default_factory=dict)

    def next_id(self, kind: str, base: int) -> int:
        self.serial[kind] = self.serial.get(kind, base) + 1
        return self.serial[kind]

    def plant(self, case: str, key: int) -> None:
        self.planted.setdefault(case, []).append(str(key))

    def order(self, day: int, minute: int) -> _Order:
        rng = self.rng
        order = _Order(self.next_id("order", 10000), rng.choice(CUSTOMERS), rng.choice(RESTAURANTS)[0],
                       datetime.combine(FIRST_DAY + timedelta(days=day), time(11, 0)) + timedelta(minutes=minute),
                       37.77 + rng.uniform(-0.02, 0.02), -122.42 + rng.uniform(-0.02, 0.02))
        return order

    def write_order(self, order: _Order, status: str, batch: int) -> None:
        rng = random.Random(order.order_id)  # the same order reads the same in every load
        restaurant = _restaurant(order.restaurant)
        prep = restaurant[6] + (PREP_CHANGE[2] - restaurant[6] if order.restaurant == PREP_CHANGE[0]
                                and batch >= PREP_CHANGE[1] else 0)
        self.orders.append((order.order_id, order.customer, order.restaurant, order.at, rng.randint(900, 6500),
                            rng.randint(1, 6), status, prep + rng.randint(-3, 3), rng.random() < 0.7,
                            rng.random() < 0.3, rng.random() < 0.05, rng.choice((199, 299, 399)),
                            rng.choice((0, 200, 350, 500)), round(order.lat, 6), round(order.lng, 6),
                            batch_stamp(batch)))

    def deliver(self, order: _Order, driver: int, assigned: datetime, arrived: datetime, picked: datetime,
                delivered: datetime | None, batch: int, status: str = "delivered",
                reason: str | None = None) -> int:
        delivery_id = order.order_id + 10000
        self.deliveries.append((delivery_id, order.order_id, driver, order.at + timedelta(minutes=1), assigned,
                                arrived, picked, delivered, self.rng.randint(30, 50),
                                _miles(1.0 + self.rng.random() * 3), status, reason, batch_stamp(batch)))
        return delivery_id


def _day_of(at: datetime) -> int:
    return (at.date() - FIRST_DAY).days


def _run_batch(b: _Builder, driver: int, orders: list[_Order], start: datetime, algorithm: int, *,
               cancel: bool = False, reported_extra: int = 0, lands_in_progress: bool = False) -> int:
    """One batch of `orders` for `driver`, from `start`: pick-ups in order-time order, drop-offs in
    another order; writes the batch, its deliveries, waypoints, state changes and the deliveries."""
    rng = b.rng
    batch_id = b.next_id("batch", 3000)
    day = _day_of(start)
    created, assigned, started = start, start + timedelta(minutes=2), start + timedelta(minutes=5)
    pickups = sorted(orders, key=lambda o: (o.at, o.order_id))
    dropoffs = sorted(orders, key=lambda o: (o.lat, o.order_id))
    if cancel:
        b.batches.append((batch_id, driver, algorithm, created, assigned, None, None, len(orders), None, None, None,
                          None, "cancelled", "driver_declined", batch_stamp(day)))
        for n, (previous, new) in enumerate(((None, "created"), ("created", "assigned"), ("assigned", "cancelled"))):
            b.state_changes.append((batch_id * 10 + n, batch_id, created + timedelta(minutes=n * 2), previous, new,
                                    "driver_action" if new == "cancelled" else "system", None, batch_stamp(day)))
        for n, order in enumerate(pickups, start=1):
            b.batch_deliveries.append((batch_id * 10 + n, batch_id, order.order_id + 10000, n,
                                       dropoffs.index(order) + 1, None, None, None, None, None, None,
                                       batch_stamp(day)))
        return batch_id
    clock = started
    picked: dict[int, datetime] = {}
    arrived: dict[int, datetime] = {}
    waits: dict[int, int] = {}
    waypoint_rows: list[list[Value]] = [[None, "driver_start", 37.77, -122.42, started, started]]
    for order in pickups:
        clock += timedelta(minutes=rng.randint(2, 6))
        arrived[order.order_id] = clock
        wait = rng.randint(0, 9)
        waits[order.order_id] = wait
        estimated = clock + timedelta(minutes=rng.randint(-3, 3))
        clock += timedelta(minutes=wait)
        picked[order.order_id] = clock
        restaurant = _restaurant(order.restaurant)
        waypoint_rows.append([order.order_id + 10000, "restaurant", restaurant[4], restaurant[5], estimated,
                              arrived[order.order_id]])
    dropped: dict[int, tuple[datetime, datetime]] = {}
    for order in dropoffs:
        clock += timedelta(minutes=rng.randint(4, 9))
        estimated = clock + timedelta(minutes=rng.randint(-6, 4))
        dropped[order.order_id] = (estimated, clock)
        waypoint_rows.append([order.order_id + 10000, "customer", order.lat, order.lng, estimated, clock])
    end = clock + timedelta(minutes=rng.randint(3, 8))
    waypoint_rows.append([None, "driver_end", 37.77, -122.42, end, end])
    completed = None if lands_in_progress else end
    planned = _miles(1.5 * len(orders) + rng.random() * 2)
    actual = Decimal(0)
    for n, stop in enumerate(waypoint_rows, start=1):
        distance = None if n == len(waypoint_rows) else _miles(0.4 + rng.random() * 1.6)
        actual += distance or 0
        b.waypoints.append((batch_id * 100 + n, batch_id, stop[0], stop[1], n, round(float(stop[2]), 6),  # type: ignore[arg-type]
                            round(float(stop[3]), 6), stop[4], stop[5], distance, batch_stamp(day)))  # type: ignore[arg-type]
    status = "in_progress" if lands_in_progress else "completed"
    efficiency = Decimal(str(round(0.6 + rng.random() * 0.39, 4)))
    planned_minutes = int((end - started).total_seconds() // 60) + rng.randint(-5, 5)
    batch_row: tuple[Value, ...] = (batch_id, driver, algorithm, created, assigned, started, completed,
                                    len(orders) + reported_extra, planned, actual if completed else None,
                                    planned_minutes, efficiency, status, None, batch_stamp(day))
    b.batches.append(batch_row)
    states = [(None, "created", created), ("created", "assigned", assigned), ("assigned", "in_progress", started)]
    if completed:
        states.append(("in_progress", "completed", completed))
    for n, (previous, new, at) in enumerate(states):
        b.state_changes.append((batch_id * 10 + n, batch_id, at, previous, new, "system" if n < 2 else "driver_action",
                                None, batch_stamp(day)))
    if lands_in_progress:  # the next load completes it
        b.batches.append((*batch_row[:6], end, batch_row[7], planned, actual, planned_minutes, efficiency,
                          "completed", None, batch_stamp(day + 1)))
        b.state_changes.append((batch_id * 10 + 3, batch_id, end, "in_progress", "completed", "driver_action", None,
                                batch_stamp(day + 1)))
        b.plant("batch_completed_next_load", batch_id)
    for n, order in enumerate(pickups, start=1):
        estimated_drop, actual_drop = dropped[order.order_id]
        estimated_pickup = arrived[order.order_id] + timedelta(minutes=rng.randint(-2, 4))
        delivered_now = None if lands_in_progress else actual_drop
        delivery_status = "en_route_to_customer" if lands_in_progress else "delivered"
        delivery_id = b.deliver(order, driver, assigned, arrived[order.order_id], picked[order.order_id],
                                delivered_now, day, delivery_status)
        b.write_order(order, "picked_up" if lands_in_progress else "delivered", day)
        row: tuple[Value, ...] = (batch_id * 10 + n, batch_id, delivery_id, n, dropoffs.index(order) + 1,
                                  estimated_pickup, picked[order.order_id], estimated_drop,
                                  actual_drop if not lands_in_progress else None, waits[order.order_id],
                                  rng.choice((None, 3, 4, 5, 5)), batch_stamp(day))
        b.batch_deliveries.append(row)
        if lands_in_progress:
            b.deliveries.append((*b.deliveries[-1][:7], actual_drop, *b.deliveries[-1][8:10], "delivered", None,
                                 batch_stamp(day + 1)))
            b.write_order(order, "delivered", day + 1)
            b.batch_deliveries.append((*row[:8], actual_drop, *row[9:11], batch_stamp(day + 1)))
    return batch_id


def _simulate(b: _Builder) -> None:
    rng = b.rng
    for day in range(BATCHES):
        orders = sorted((b.order(day, rng.randint(0, 600)) for _ in range(ORDERS_PER_DAY)),
                        key=lambda o: (o.at, o.order_id))
        queues: dict[int, list[_Order]] = {d[0]: [] for d in DRIVERS}
        for n, order in enumerate(orders):
            if n % 17 == 5:  # a cancelled order: its delivery is cancelled before pickup
                delivery_id = b.deliver(order, DRIVERS[n % len(DRIVERS)][0], order.at + timedelta(minutes=3),
                                        None, None, None, day, "cancelled", "customer_request")  # type: ignore[arg-type]
                b.write_order(order, "cancelled", day)
                if day == 0 and n < 20:
                    b.plant("cancelled_order", delivery_id)
                continue
            queues[DRIVERS[(n // 4) % len(DRIVERS)][0]].append(order)  # runs of orders close in time
        for driver, capacity in ((d[0], d[5]) for d in DRIVERS):
            queue = queues[driver]
            while queue:
                # a batch takes orders placed within 30 minutes of the first one waiting
                size = min(len(queue), rng.randint(1, capacity))
                size = max(1, sum(1 for o in queue[:size] if o.at - queue[0].at <= timedelta(minutes=30)))
                taken, queue[:] = queue[:size], queue[size:]
                start = max(o.at for o in taken) + timedelta(minutes=rng.randint(8, 15))
                if size == 1 and rng.random() < 0.5:  # an individual delivery, no batch
                    order = taken[0]
                    arrived = start + timedelta(minutes=rng.randint(4, 10))
                    picked = arrived + timedelta(minutes=rng.randint(0, 8))
                    b.deliver(order, driver, start, arrived, picked, picked + timedelta(minutes=rng.randint(8, 20)),
                              day)
                    b.write_order(order, "delivered", day)
                    continue
                algorithm = 4 if size == 1 else rng.choice((1, 2, 3))
                _run_batch(b, driver, taken, start, algorithm)


def _planted(b: _Builder) -> None:
    # a batch cancelled after assignment, whose two deliveries another batch then takes
    orders = [b.order(1, 700), b.order(1, 702)]
    cancelled = _run_batch(b, 101, orders, datetime.combine(FIRST_DAY + timedelta(days=1), time(23, 0)), 2,
                           cancel=True)
    rebatched = _run_batch(b, 103, orders, datetime.combine(FIRST_DAY + timedelta(days=1), time(23, 20)), 2)
    b.plant("cancelled_batch", cancelled)
    b.plant("rebatched_after_cancel", rebatched)
    # the dispatch system reports five deliveries for a batch of four
    orders = [b.order(0, 610 + n) for n in range(4)]
    b.plant("wrong_dispatch_total",
            _run_batch(b, 101, orders, datetime.combine(FIRST_DAY, time(21, 30)), 3, reported_extra=1))
    # a batch of five, and one still in progress when its day is loaded
    orders = [b.order(0, 630 + n) for n in range(5)]
    b.plant("batch_of_five", _run_batch(b, 103, orders, datetime.combine(FIRST_DAY, time(22, 0)), 2))
    orders = [b.order(1, 720), b.order(1, 721), b.order(1, 722)]
    _run_batch(b, 105, orders, datetime.combine(FIRST_DAY + timedelta(days=1), time(23, 40)), 1,
               lands_in_progress=True)


def _replays_and_bad_rows(b: _Builder) -> None:
    stamp = batch_stamp(1)
    at = datetime.combine(FIRST_DAY + timedelta(days=1), time(12, 0))
    for table in (b.orders, b.deliveries, b.batches, b.batch_deliveries, b.waypoints, b.state_changes):
        table.append((*table[3][:-1], batch_stamp(2)))  # an exact replay a day later
    b.plant("replayed_order", int(str(b.orders[3][0])))
    order = (1, 2, 2500, 2, "delivered", 20, True, False, False, 299, 200, 37.78, -122.41, stamp)
    b.orders += [
        (None, 301, 201, at, *order[2:]),
        (90001, 301, 201, at, 2500, 2, "teleported", *order[5:]),
        (90002, 301, 201, at, -100, 2, *order[4:]),
        (90003, 301, 201, at, 2500, 0, *order[4:]),
        (90004, 301, 201, batch_stamp(2), *order[2:]),  # after its load
        (90005, None, 201, at, *order[2:]),
    ]
    b.deliveries += [
        (None, 90001, 101, at, at, at, at, at, 40, Decimal("2.00"), "delivered", None, stamp),
        (99001, 90001, 101, at, at, at, at, at, 40, Decimal("2.00"), "vanished", None, stamp),
        (99002, None, 101, at, at, at, at, at, 40, Decimal("2.00"), "delivered", None, stamp),
        (99003, 90001, 101, at, at, at, at, at - timedelta(hours=1), 40, Decimal("2.00"), "delivered", None, stamp),
    ]
    b.batches += [
        (None, 101, 1, at, at, at, at, 1, None, None, None, None, "completed", None, stamp),
        (3901, 101, 1, at, at, at, at, 1, None, None, None, None, "exploded", None, stamp),
        (3902, 101, 1, at, at + timedelta(minutes=5), at, at + timedelta(minutes=30), 1, None, None, None, None,
         "completed", None, stamp),  # started before it was assigned
        (3903, 101, None, at, at, at, at, 1, None, None, None, None, "completed", None, stamp),
    ]
    b.batch_deliveries += [
        (None, 3001, 20011, 1, 1, at, at, at, at, 1, 5, stamp),
        (39001, 3001, 20011, 0, 1, at, at, at, at, 1, 5, stamp),
        (39002, 3001, None, 1, 1, at, at, at, at, 1, 5, stamp),
        (39003, 3001, 20011, 1, 1, at, at, at, at, 1, 9, stamp),  # satisfaction out of 1..5
    ]
    b.waypoints += [
        (None, 3001, None, "driver_start", 1, 37.7, -122.4, at, at, None, stamp),
        (390001, 3001, None, "rest_stop", 1, 37.7, -122.4, at, at, None, stamp),
        (390002, 3001, None, "driver_start", 1, 137.7, -122.4, at, at, None, stamp),
    ]
    b.state_changes += [
        (None, 3001, at, None, "created", "system", None, stamp),
        (39101, 3001, at, "created", "teleporting", "system", None, stamp),
    ]


def _drivers() -> list[tuple[Value, ...]]:
    rows: list[tuple[Value, ...]] = []
    for batch in range(BATCHES):
        export = batch_stamp(batch).date()
        for driver_id, external, since, vehicle, bag, capacity, tier in DRIVERS:
            if driver_id == TIER_CHANGE[0] and batch >= TIER_CHANGE[1]:
                tier = TIER_CHANGE[2]
            status = "suspended" if driver_id == SUSPENDED[0] and batch >= SUSPENDED[1] else "active"
            rows.append((driver_id, external, since, status, vehicle, bag, capacity, tier, export, batch_stamp(batch)))
    rows.append((109, "DRV009", date(2025, 1, 1), "active", "hovercraft", True, 2, "new", batch_stamp(1).date(),
                 batch_stamp(1)))  # unknown vehicle type
    rows.append((110, "DRV010", date(2025, 1, 1), "active", "car", True, 2, "legend", batch_stamp(1).date(),
                 batch_stamp(1)))  # unknown tier
    return rows


def _restaurants() -> list[tuple[Value, ...]]:
    rows: list[tuple[Value, ...]] = []
    for batch in range(BATCHES):
        export = batch_stamp(batch).date()
        for r in RESTAURANTS:
            prep = PREP_CHANGE[2] if r[0] == PREP_CHANGE[0] and batch >= PREP_CHANGE[1] else r[6]
            rows.append((*r[:6], prep, *r[7:], export, batch_stamp(batch)))
    rows.append((299, "RST-299", "Ghost Kitchen", "unknown", 37.7, -122.4, -5, True, False, batch_stamp(1).date(),
                 batch_stamp(1)))  # negative prep time
    return rows


def _customers() -> list[tuple[Value, ...]]:
    rows: list[tuple[Value, ...]] = []
    for n, customer in enumerate(CUSTOMERS):
        name = NAMES[n % len(NAMES)]
        rows.append((customer, f"{name} Park{n}", f"{name.lower()}.park{n}@example.com", "San Francisco",
                     datetime(2025, 3, 1) + timedelta(days=5 * n), batch_stamp(0)))
    rows.append((None, "No Body", "nobody@example.com", "San Francisco", datetime(2025, 3, 1), batch_stamp(1)))
    return rows


def _algorithms() -> list[tuple[Value, ...]]:
    rows: list[tuple[Value, ...]] = [(*a, batch_stamp(0)) for a in ALGORITHMS]
    rows.append((9, "random_walk", "v0.1", 0, Decimal("1.00"), datetime(2024, 1, 1), None, Decimal("0.0100"),
                 batch_stamp(1)))  # a batch size below 1
    return rows


def generate(out_dir: Path, seed: int = 42) -> Generated:
    """Write the nine raw tables under out_dir/delivery."""
    builder = _Builder(random.Random(seed))
    _simulate(builder)
    _planted(builder)
    _replays_and_bad_rows(builder)
    target = out_dir / DOMAIN
    by_load = lambda row: (str(row[-1]), str(row[0]))  # noqa: E731
    tables = {
        "raw_orders": (ORDER_COLUMNS, builder.orders),
        "raw_deliveries": (DELIVERY_COLUMNS, builder.deliveries),
        "raw_drivers": (DRIVER_COLUMNS, _drivers()),
        "raw_restaurants": (RESTAURANT_COLUMNS, _restaurants()),
        "raw_customers": (CUSTOMER_COLUMNS, _customers()),
        "raw_batching_algorithms": (ALGORITHM_COLUMNS, _algorithms()),
        "raw_delivery_batches": (BATCH_COLUMNS, builder.batches),
        "raw_batch_deliveries": (BATCH_DELIVERY_COLUMNS, builder.batch_deliveries),
        "raw_batch_waypoints": (WAYPOINT_COLUMNS, builder.waypoints),
        "raw_batch_state_changes": (STATE_CHANGE_COLUMNS, builder.state_changes),
    }
    counts = {name: write_table(target / f"{name}.csv", columns, sorted(rows, key=by_load))
              for name, (columns, rows) in tables.items()}
    return Generated(counts=counts, planted=builder.planted)
