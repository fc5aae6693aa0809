"""Sample raw data for the streaming domain (viewing sessions; contract: docs/contracts/streaming.md).

Five daily load batches of playback beacons, with daily full exports of the catalogue (content),
the devices and the profiles. Viewing sessions are simulated as scripts of beacons (play,
heartbeats, pauses and resumes, seeks both ways, quality changes) that end with a `stop`, a
`complete` or nothing at all (abandoned), and every case the sessionisation must survive is
planted on purpose and listed by name in `Generated.planted`:

* a gap of exactly 30 minutes (no split) and one of 31 minutes (a split),
* a client that sends no `client_session_id`, and one whose id changes mid-stream,
* a trailing pause, seeks backwards and forwards, a seek past the credits, quality changes,
* a binge: three episodes of one series inside 24 hours, and a slower series watch that is not one,
* events that land one or two batches late, a late event that becomes a session's new first event
  (the session is renamed), and a late event that fills a gap and merges two sessions,
* exact replays (in the same batch and in a later one),
* an episode whose duration and credits position change in a later export (its sessions reopen),
  a title whose events land a batch before the title itself (`unknown_content` until then),
* bad rows of every kind: unknown event types, negative positions, a seek without its origin,
  unknown quality, an event stamped after its load, a null id, events for a title that never lands.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from dwh.contracts import raw_columns
from dwh.csvio import Value, write_table
from dwh.generators import Generated

DOMAIN = "streaming"
FIRST_DAY = date(2026, 3, 1)
BATCHES = 5
QUALITIES = ("SD", "HD", "FHD", "UHD")

EVENT_COLUMNS = raw_columns("raw_playback_events")
CONTENT_COLUMNS = raw_columns("raw_content")
DEVICE_COLUMNS = raw_columns("raw_devices")
PROFILE_COLUMNS = raw_columns("raw_profiles")


def batch_stamp(batch: int) -> datetime:
    """Batch `batch` (0-based) lands at 06:00 on day batch + 1, holding the day before."""
    return datetime.combine(FIRST_DAY + timedelta(days=batch + 1), time(6, 0))


@dataclass(frozen=True)
class Title:
    content_id: str
    title: str
    content_type: str
    series: tuple[str, str, int, int] | None  # series_id, series_title, season, episode
    duration: int
    credits: int | None
    genre: str
    released: date

    def row(self, export: date, batch: int, duration: int | None = None,
            credits: int | None = None) -> tuple[Value, ...]:
        series_id, series_title, season, episode = self.series or (None, None, None, None)
        return (self.content_id, self.title, self.content_type, series_id, series_title, season, episode,
                duration or self.duration, credits if credits is not None else self.credits, self.genre,
                self.released, export, batch_stamp(batch))


TITLES = (
    Title("C001", "Northern Lights", "movie", None, 6600, 6240, "drama", date(2024, 3, 1)),
    Title("C002", "The Long Harbour", "movie", None, 5400, None, "thriller", date(2025, 9, 12)),  # no credits mark
    Title("C003", "Paper Moons", "movie", None, 7200, 6900, "comedy", date(2023, 11, 3)),
    *(Title(f"E1{n:02d}", f"Salt Roads S1E{n}", "episode", ("SR", "Salt Roads", 1, n), 2700, 2580, "drama",
            date(2026, 1, 5) + timedelta(days=7 * n)) for n in range(1, 6)),
    *(Title(f"E2{n:02d}", f"Quiet Orbit S1E{n}", "episode", ("QO", "Quiet Orbit", 1, n), 1800, 1700, "scifi",
            date(2026, 2, 2) + timedelta(days=7 * n)) for n in range(1, 5)),
)
CHANGED_TITLE = "E102"  # its duration and credits position change in the export of batch 3
LATE_TITLE = Title("C004", "Glass Orchard", "movie", None, 6000, 5700, "drama", date(2026, 2, 1))  # lands in batch 2
NEVER_TITLE = "C999"  # events only: never in any export
DEVICES = (("D01", "tv", "tizen", "7.2.0"), ("D02", "mobile", "ios", "7.3.1"), ("D03", "tablet", "android", "7.1.4"),
           ("D04", "web", "chrome", "7.3.0"), ("D05", "console", "ps5", "6.9.2"), ("D06", "mobile", "android", "7.3.1"))
NO_SESSION_ID_DEVICE = "D05"  # this console client never sends client_session_id
PROFILES = (("P01", "A1", "Maja"), ("P02", "A1", "Jonas"), ("P03", "A2", "Ines"), ("P04", "A2", "Tariq"),
            ("P05", "A3", "Lena"), ("P06", "A3", "Kofi"), ("P07", "A4", "Sven"), ("P08", "A4", "Aiko"))
PLAN_CHANGE = ("A2", 2, "premium")  # account A2 moves to premium from the export of batch 2


@dataclass
class Beacon:
    event_id: str | None
    profile: str
    content: str
    device: str
    client_session: str | None
    event_type: str
    at: datetime
    position: int
    seek_from: int | None = None
    quality: str | None = "HD"
    autoplay: bool = False
    batch: int = 0

    def row(self) -> tuple[Value, ...]:
        account = next((a for p, a, _ in PROFILES if p == self.profile), "A9")
        return (self.event_id, self.profile, account, self.content, self.device, self.client_session,
                self.event_type, self.at, self.position, self.seek_from, self.quality, self.autoplay,
                batch_stamp(self.batch))


@dataclass
class _Builder:
    rng: random.Random
    beacons: list[Beacon] = field(default_factory=list)
    serial: int = 0
    planted: dict[str, list[str]] = field(default_factory=dict)

    def next_id(self) -> str:
        self.serial += 1
        return f"EV{self.serial:05d}"

    def emit(self, profile: str, content: str, device: str, client_session: str | None, event_type: str,
             at: datetime, position: int, **extra: object) -> Beacon:
        batch = (at.date() - FIRST_DAY).days
        beacon = Beacon(self.next_id(), profile, content, device, client_session, event_type, at, position,
                        batch=min(BATCHES - 1, max(0, batch)), **extra)  # type: ignore[arg-type]
        self.beacons.append(beacon)
        return beacon

    def plant(self, case: str, beacon: Beacon) -> None:
        self.planted.setdefault(case, []).append(str(beacon.event_id))

    def watch(self, profile: str, title: Title, device: str, start: datetime, *, end: str = "stop",
              seconds: int | None = None, start_at: int = 0, quality: str = "HD",
              autoplay: bool = False, client_session: str | None = "auto") -> list[Beacon]:
        """One session's beacons: play, then a heartbeat every 5 minutes of playback with the
        occasional pause, seek or quality change, then `end` ('stop', 'complete' or 'none')."""
        rng = self.rng
        if client_session == "auto":
            client_session = None if device == NO_SESSION_ID_DEVICE else f"cs-{profile}-{start:%d%H%M}"
        emitted = [self.emit(profile, title.content_id, device, client_session, "play", start, start_at,
                             quality=quality, autoplay=autoplay)]
        clock, position = start, start_at
        budget = seconds if seconds is not None else rng.randint(600, title.duration)
        watched = 0
        while watched < budget and position < title.duration:
            step = min(300, budget - watched, title.duration - position)
            clock += timedelta(seconds=step)
            position += step
            watched += step
            roll = rng.random()
            if roll < 0.12:
                emitted.append(self.emit(profile, title.content_id, device, client_session, "pause", clock,
                                         position, quality=quality))
                clock += timedelta(seconds=rng.randint(20, 600))
                emitted.append(self.emit(profile, title.content_id, device, client_session, "resume", clock,
                                         position, quality=quality))
            elif roll < 0.2:
                target = max(0, position - rng.randint(30, 240)) if rng.random() < 0.5 else min(
                    title.duration - 1, position + rng.randint(30, 600))
                emitted.append(self.emit(profile, title.content_id, device, client_session, "seek", clock,
                                         target, seek_from=position, quality=quality))
                position = target
            elif roll < 0.26:
                quality = rng.choice(QUALITIES)
                emitted.append(self.emit(profile, title.content_id, device, client_session, "quality_change",
                                         clock, position, quality=quality))
            else:
                emitted.append(self.emit(profile, title.content_id, device, client_session, "heartbeat", clock,
                                         position, quality=quality))
        if end != "none":
            clock += timedelta(seconds=rng.randint(5, 60))
            kind = "complete" if end == "complete" else "stop"
            emitted.append(self.emit(profile, title.content_id, device, client_session, kind, clock,
                                     title.duration if kind == "complete" else position, quality=quality))
        return emitted


def _title(content_id: str) -> Title:
    return next(t for t in (*TITLES, LATE_TITLE) if t.content_id == content_id)


def _day(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(FIRST_DAY + timedelta(days=day), time(hour, minute))


def _planted_sessions(b: _Builder) -> None:
    """The named cases, at fixed times so that tests can reason about them."""
    # exactly 30 minutes of silence: one session; 31 minutes: two
    first = b.watch("P01", _title("C001"), "D01", _day(0, 9), seconds=600, end="none")
    b.plant("gap_exactly_30_minutes", first[-1])
    b.plant("gap_exactly_30_minutes", b.emit("P01", "C001", "D01", first[-1].client_session, "heartbeat",
                                             first[-1].at + timedelta(minutes=30), first[-1].position))
    second = b.watch("P02", _title("C003"), "D02", _day(0, 10), seconds=600, end="none")
    b.plant("gap_31_minutes", b.emit("P02", "C003", "D02", second[-1].client_session, "heartbeat",
                                     second[-1].at + timedelta(minutes=31), second[-1].position))
    # a client without session ids, and one whose id changes mid-stream
    for beacon in b.watch("P03", _title("C002"), NO_SESSION_ID_DEVICE, _day(0, 20), seconds=1200, end="stop"):
        b.plant("no_client_session_id", beacon)
    changing = b.watch("P04", _title("E201"), "D06", _day(1, 8), seconds=900, end="none")
    b.plant("client_session_change", b.emit("P04", "E201", "D06", "cs-P04-renewed", "heartbeat",
                                            changing[-1].at + timedelta(minutes=2), changing[-1].position))
    # a trailing pause: the session ends paused (the pause counts 0 seconds)
    trailing = b.watch("P05", _title("C003"), "D04", _day(1, 19), seconds=900, end="none")
    b.plant("trailing_pause", b.emit("P05", "C003", "D04", trailing[-1].client_session, "pause",
                                     trailing[-1].at + timedelta(seconds=30), trailing[-1].position))
    # a seek past the credits mark, then a stop: the credits count as watched
    credits = b.watch("P06", _title("E202"), "D02", _day(1, 21), seconds=600, end="none")
    b.plant("seek_past_credits", b.emit("P06", "E202", "D02", credits[-1].client_session, "seek",
                                        credits[-1].at + timedelta(seconds=10), 1750,
                                        seek_from=credits[-1].position))
    b.emit("P06", "E202", "D02", credits[-1].client_session, "stop", credits[-1].at + timedelta(seconds=40), 1780)
    # a binge: three episodes of Salt Roads inside 24 hours (autoplay), then a slow watcher
    for n, hour in ((1, 18), (2, 19), (3, 20)):
        episode = b.watch("P07", _title(f"E10{n}"), "D01", _day(2, hour), seconds=2700, end="complete",
                          autoplay=n > 1)
        b.plant("binge", episode[0])
    for day, n in ((0, 1), (2, 2), (4, 3)):
        b.plant("not_a_binge", b.watch("P08", _title(f"E10{n}"), "D03", _day(day, 12), seconds=2700,
                                       end="complete")[0])


def _late_and_replayed(b: _Builder) -> None:
    rng = b.rng
    # a late event that becomes a session's new first event: the session is renamed
    session = b.watch("P02", _title("E203"), "D04", _day(1, 14), seconds=900, end="stop")
    early = b.emit("P02", "E203", "D04", session[0].client_session, "play", session[0].at - timedelta(minutes=5),
                   0)
    early.batch = 3
    b.plant("late_first_event", early)
    # a late heartbeat in a 50-minute gap merges two sessions (same client session id)
    left = b.watch("P01", _title("E204"), "D02", _day(2, 9), seconds=600, end="none", client_session="cs-merge")
    right_start = left[-1].at + timedelta(minutes=50)
    b.watch("P01", _title("E204"), "D02", right_start, seconds=600, end="stop", client_session="cs-merge",
            start_at=left[-1].position)
    bridge = b.emit("P01", "E204", "D02", "cs-merge", "heartbeat", left[-1].at + timedelta(minutes=25),
                    left[-1].position)
    bridge.batch = 4
    b.plant("late_merging_event", bridge)
    # ordinary late rows: a few events of day 1 land a batch or two later
    candidates = [x for x in b.beacons if x.batch == 1 and x.event_type == "heartbeat"]
    for beacon in rng.sample(candidates, 6):
        beacon.batch += rng.choice([1, 2])
        b.plant("late_event", beacon)
    # events for a title that lands a batch later (unknown_content until then)
    for beacon in b.watch("P03", LATE_TITLE, "D04", _day(1, 16), seconds=900, end="stop"):
        b.plant("content_lands_later", beacon)


def _bad_rows(b: _Builder) -> list[Beacon]:
    at = _day(2, 11)
    bad = [
        Beacon(None, "P01", "C001", "D01", "cs-x", "heartbeat", at, 10, batch=2),
        Beacon("BAD01", "P01", "C001", "D01", "cs-x", "rewind", at, 10, batch=2),  # unknown event type
        Beacon("BAD02", "P01", "C001", "D01", "cs-x", "heartbeat", at, -5, batch=2),  # negative position
        Beacon("BAD03", "P01", "C001", "D01", "cs-x", "seek", at, 100, batch=2),  # seek without its origin
        Beacon("BAD04", "P01", "C001", "D01", "cs-x", "heartbeat", at, 10, quality="8K", batch=2),  # unknown quality
        Beacon("BAD05", "P01", "C001", "D01", "cs-x", "heartbeat", batch_stamp(2) + timedelta(hours=1), 10,
               batch=2),  # after its load
        Beacon("BAD06", "P01", NEVER_TITLE, "D01", "cs-x", "play", at, 0, batch=2),  # title never lands
        Beacon("BAD07", "P01", NEVER_TITLE, "D01", "cs-x", "stop", at + timedelta(minutes=3), 180, batch=2),
        Beacon("BAD08", "P01", "C001", "D01", "cs-x", "seek", at, 100, seek_from=-20, batch=2),  # negative origin
    ]
    for beacon in bad:
        b.planted.setdefault("bad_event", []).append(str(beacon.event_id))
    return bad


def _events(b: _Builder) -> list[tuple[Value, ...]]:
    rng = b.rng
    _planted_sessions(b)
    # ordinary viewing: every profile watches a few titles a day
    for day in range(BATCHES):
        for profile, _, _ in PROFILES:
            for _ in range(rng.randint(1, 3)):
                # the binge and the slow series watcher watch only movies besides their planted episodes
                title = rng.choice([t for t in TITLES if profile not in ("P07", "P08") or t.series is None])
                device = rng.choice(DEVICES)[0]
                start = _day(day, rng.randint(6, 22), rng.randint(0, 59))
                b.watch(profile, title, device, start, end=rng.choice(["stop", "stop", "complete", "none"]),
                        quality=rng.choice(QUALITIES), autoplay=rng.random() < 0.3)
    # nothing may land before it happened: a session running past 06:00 lands in the next batch
    for beacon in b.beacons:
        while beacon.at >= batch_stamp(beacon.batch) and beacon.batch < BATCHES - 1:
            beacon.batch += 1
    b.beacons = [x for x in b.beacons if x.at < batch_stamp(x.batch)]
    _late_and_replayed(b)
    rows = [x.row() for x in b.beacons]
    # replays: an exact copy in the same batch, and one a batch later
    rows.append(rows[10])
    later = b.beacons[20]
    rows.append((*rows[20][:-1], batch_stamp(min(BATCHES - 1, later.batch + 1))))
    b.planted["replayed_event"] = [str(rows[10][0]), str(rows[20][0])]
    rows += [x.row() for x in _bad_rows(b)]
    return rows


def _content() -> list[tuple[Value, ...]]:
    rows: list[tuple[Value, ...]] = []
    for batch in range(BATCHES):
        export = batch_stamp(batch).date()
        for title in TITLES:
            if title.content_id == CHANGED_TITLE and batch >= 3:
                rows.append(title.row(export, batch, duration=2760, credits=2640))
            else:
                rows.append(title.row(export, batch))
        if batch >= 2:
            rows.append(LATE_TITLE.row(export, batch))
    rows.append((None, "Untitled", "movie", None, None, None, None, 3600, None, "drama", date(2026, 1, 1),
                 batch_stamp(1).date(), batch_stamp(1)))
    rows.append(("C777", "Live Final", "live", None, None, None, None, 3600, None, "sport", date(2026, 1, 1),
                 batch_stamp(1).date(), batch_stamp(1)))  # unknown content type
    return rows


def _devices() -> list[tuple[Value, ...]]:
    rows: list[tuple[Value, ...]] = [(*d, batch_stamp(0)) for d in DEVICES]
    rows.append(("D02", "mobile", "ios", "7.4.0", batch_stamp(3)))  # an app update
    rows.append(("D09", "fridge", "linux", "1.0", batch_stamp(1)))  # unknown device type
    return rows


def _profiles() -> list[tuple[Value, ...]]:
    rows: list[tuple[Value, ...]] = []
    for batch in range(BATCHES):
        export = batch_stamp(batch).date()
        for n, (profile, account, name) in enumerate(PROFILES):
            plan = PLAN_CHANGE[2] if account == PLAN_CHANGE[0] and batch >= PLAN_CHANGE[1] else "standard"
            rows.append((profile, account, name, plan, ["SE", "DE", "GB", "FR"][n % 4],
                         datetime(2025, 6, 1) + timedelta(days=9 * n), export, batch_stamp(batch)))
    rows.append(("P99", None, "Nobody", "standard", "SE", datetime(2025, 6, 1), batch_stamp(1).date(),
                 batch_stamp(1)))  # no account
    return rows


def generate(out_dir: Path, seed: int = 42) -> Generated:
    """Write the four raw tables under out_dir/streaming."""
    builder = _Builder(random.Random(seed))
    events = _events(builder)
    events.sort(key=lambda r: (str(r[12]), str(r[0])))
    target = out_dir / DOMAIN
    counts = {
        "raw_playback_events": write_table(target / "raw_playback_events.csv", EVENT_COLUMNS, events),
        "raw_content": write_table(target / "raw_content.csv", CONTENT_COLUMNS, _content()),
        "raw_devices": write_table(target / "raw_devices.csv", DEVICE_COLUMNS, _devices()),
        "raw_profiles": write_table(target / "raw_profiles.csv", PROFILE_COLUMNS, _profiles()),
    }
    return Generated(counts=counts, planted=builder.planted)
