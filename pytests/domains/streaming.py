"""The streaming domain's hand-made quarantine cases (pytests/test_quarantine_rules.py): for each raw
table, one good row (reason None) and one row per quarantine rule that breaks exactly that rule,
in the input contract's column order; and where each table's good row must arrive."""

from __future__ import annotations

from pathlib import Path

from . import Row

L3 = "2026-04-11 06:00"  # streaming load stamp
B = ("b0", "q1", "a1", "m1", "d1", "c1", "heartbeat", "2026-04-10 10:00", 60, None, "HD", False, L3)  # a good beacon


def beacon(event_id: str | None, **changes: object) -> Row:
    """The good beacon with another id and some fields changed."""
    names = ("event_id", "profile_id", "account_id", "content_id", "device_id", "client_session_id", "event_type",
             "event_ts", "position", "seek_from", "quality", "autoplay", "_loaded_at")
    values = dict(zip(names, B, strict=True)) | {"event_id": event_id} | changes
    return tuple(values.values())


FILM = ("m1", "Film", "movie", None, None, None, None, 600, 540, "drama", "2025-01-01", "2026-04-10", L3)
QUARANTINE_CASES: dict[str, list[tuple[str | None, Row]]] = {
    "raw_playback_events": [
        (None, B),
        ("null_event_id", beacon(None)),
        ("missing_profile_id", beacon("b1", profile_id=None)),
        ("missing_content_id", beacon("b2", content_id=None)),
        ("missing_device_id", beacon("b3", device_id=None)),
        ("unknown_event_type", beacon("b4", event_type="rewind")),
        ("missing_event_timestamp", beacon("b5", event_ts=None)),
        ("event_after_load", beacon("b6", event_ts="2026-04-12 10:00")),
        ("missing_position", beacon("b7", position=None)),
        ("negative_position", beacon("b8", position=-1)),
        ("negative_seek_from", beacon("b9", event_type="seek", seek_from=-5)),
        ("seek_without_origin", beacon("b10", event_type="seek")),
        ("unknown_quality", beacon("b11", quality="8K")),
        ("unknown_content", beacon("b12", content_id="m_missing")),
    ],
    "raw_content": [
        (None, FILM),
        ("null_content_id", (None, *FILM[1:])),
        ("null_export_date", ("m2", *FILM[1:11], None, L3)),
        ("unknown_content_type", ("m3", "Live", "live", *FILM[3:])),
        ("episode_without_series", ("m4", "Ep", "episode", None, None, 1, 1, *FILM[7:])),
        ("non_positive_duration", ("m5", *FILM[1:7], 0, *FILM[8:])),
        ("negative_credits_start", ("m6", *FILM[1:8], -1, *FILM[9:])),
        ("export_after_load", ("m7", *FILM[1:11], "2026-04-12", L3)),
    ],
    "raw_devices": [
        (None, ("d1", "tv", "tizen", "7.0", L3)),
        ("null_device_id", (None, "tv", "tizen", "7.0", L3)),
        ("unknown_device_type", ("d2", "fridge", "linux", "1.0", L3)),
    ],
    "raw_profiles": [
        (None, ("q1", "a1", "Ann", "standard", "SE", "2025-01-01", "2026-04-10", L3)),
        ("null_profile_id", (None, "a1", "Bo", "standard", "SE", "2025-01-01", "2026-04-10", L3)),
        ("null_export_date", ("q2", "a1", "Cy", "standard", "SE", "2025-01-01", None, L3)),
        ("missing_account_id", ("q3", None, "Di", "standard", "SE", "2025-01-01", "2026-04-10", L3)),
        ("unknown_country", ("q4", "a1", "Ed", "standard", "XX", "2025-01-01", "2026-04-10", L3)),
        ("export_after_load", ("q5", "a1", "Flo", "standard", "SE", "2025-01-01", "2026-04-12", L3)),
    ],
}

STAGED = {
    "raw_playback_events": "streaming.fact_viewing_events",
    "raw_content": "staging.stg_streaming__content",
    "raw_devices": "staging.stg_streaming__devices",
    "raw_profiles": "staging.stg_streaming__profiles",
}


def landing_day(folder: Path, d: str, t: str) -> None:
    """One small day of landing files for `dwh run`, one per raw table (pytests/handmade.py, write_day):
    `d` is the day, `t` a moment in it."""
    (folder / "raw_playback_events__beacons.ndjson").write_text(
        f'{{"event_id": "b1", "profile_id": "q1", "account_id": "a1", "content_id": "m1", "device_id": "d1", '
        f'"client_session_id": "c1", "event_type": "play", "event_ts": "{t}", "playback_position_seconds": 0, '
        f'"seek_from_seconds": null, "quality": "HD", "autoplay": false}}\n'
        f'{{"event_id": "b2", "profile_id": "q1", "account_id": "a1", "content_id": "m1", "device_id": "d1", '
        f'"client_session_id": "c1", "event_type": "stop", "event_ts": "{t}", "playback_position_seconds": 60, '
        f'"seek_from_seconds": null, "quality": "HD", "autoplay": false}}\n')
    (folder / "raw_content__catalogue.csv").write_text(
        "content_id,title,content_type,series_id,series_title,season_number,episode_number,duration_seconds,"
        f"credits_start_seconds,genre,release_date,export_date\nm1,A Film,movie,,,,,600,540,drama,2025-01-01,{d}\n")
    (folder / "raw_devices__devices.csv").write_text("device_id,device_type,os,app_version\nd1,tv,tizen,7.0\n")
    (folder / "raw_profiles__export.csv").write_text(
        "profile_id,account_id,profile_name,account_plan,country,created_at,export_date\n"
        f"q1,a1,Ann,standard,SE,2025-01-01 00:00:00,{d}\n")


# What the marts hold after `dwh run` loads landing_day alone (pytests/test_daily_run.py)
DAILY_RUN_ANSWERS: dict[str, list[tuple[object, ...]]] = {
    "select profile_id, completion_status, playback_position_seconds from streaming.fact_viewing_sessions":
                     [("q1", "stopped", 60)]}
