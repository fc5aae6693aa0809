"""Every quarantine rule is broken by data: one good row per raw table, plus one row per rule that
breaks exactly that rule, loaded straight into `raw`. Each bad row must land in the domain's
quarantine with its own reason, the good rows must reach staging, and the build (which includes
the raw = current + superseded + quarantined tests) must pass."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dwh.contracts import create_raw_tables
from dwh.dbt import run_dbt

from .conftest import domain_build, rows

Row = tuple[object, ...]

L1 = "2026-03-01 08:00"  # company-activity load stamp
CASES: dict[str, dict[str, list[tuple[str | None, Row]]]] = {
    "company_activity": {
        "raw_crm_companies": [
            (None, ("A", "Acme", "GB", "saas", None, "2026-03-01", L1)),
            ("null_company_id", (None, "Nameless", "GB", "saas", None, "2026-03-01", L1)),
            ("null_export_date", ("B", "Beta", "GB", "saas", None, None, L1)),
            ("unknown_country", ("C", "Gamma", "XX", "saas", None, "2026-03-01", L1)),
            ("export_after_load", ("D", "Delta", "GB", "saas", None, "2026-03-05", L1)),
            ("contact_after_load", ("E", "Eps", "GB", "saas", "2026-03-04 10:00", "2026-03-01", L1)),
        ],
        "raw_product_usage_api": [
            (None, ("A", "2026-02-28", 1, 1, L1)),
            ("null_company_id", (None, "2026-02-28", 1, 1, L1)),
            ("null_usage_date", ("A", None, 1, 1, L1)),
            ("null_figures", ("B", "2026-02-28", None, 1, L1)),
            ("negative_figures", ("C", "2026-02-28", -1, 1, L1)),
            ("users_without_events", ("D", "2026-02-28", 2, 0, L1)),
            ("date_after_load", ("E", "2026-03-09", 1, 1, L1)),
        ],
        "raw_product_events": [
            (None, ("e0", "A", "u1", "login", "2026-02-28 10:00", L1)),
            ("null_event_id", (None, "A", "u1", "login", "2026-02-28 10:00", L1)),
            ("missing_company_id", ("e1", None, "u1", "login", "2026-02-28 10:00", L1)),
            ("missing_user_id", ("e2", "A", None, "login", "2026-02-28 10:00", L1)),
            ("missing_event_type", ("e3", "A", "u1", "  ", "2026-02-28 10:00", L1)),
            ("missing_occurred_at", ("e4", "A", "u1", "login", None, L1)),
            ("occurred_after_load", ("e5", "A", "u1", "login", "2026-03-02 10:00", L1)),
        ],
    },
}
L2 = "2026-04-01 06:00"  # social load stamp
CASES["social"] = {
    "raw_posts": [
        (None, ("p0", "u1", None, "2026-03-31 10:00", "video", False, L2)),
        ("null_post_id", (None, "u1", None, "2026-03-31 10:00", "video", False, L2)),
        ("missing_creator", ("p1", None, None, "2026-03-31 10:00", "video", False, L2)),
        ("missing_created_at", ("p2", "u1", None, None, "video", False, L2)),
        ("created_after_load", ("p3", "u1", None, "2026-04-02 10:00", "video", False, L2)),
    ],
    "raw_engagement_events": [
        (None, ("v0", "u1", "p0", "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
        ("null_event_id", (None, "u1", "p0", "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
        ("missing_post_id", ("v1", "u1", None, "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
        ("missing_user_id", ("v2", None, "p0", "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
        ("unknown_engagement_type", ("v3", "u1", "p0", "like", "2026-03-31 11:00", "s", "ios", None, L2)),
        ("negative_view_seconds", ("v4", "u1", "p0", "view", "2026-03-31 11:00", "s", "ios", -1.0, L2)),
        ("missing_event_timestamp", ("v5", "u1", "p0", "view", None, "s", "ios", 3.0, L2)),
        ("event_after_load", ("v6", "u1", "p0", "view", "2026-04-03 10:00", "s", "ios", 3.0, L2)),
        ("unknown_post", ("v7", "u1", "p_missing", "view", "2026-03-31 11:00", "s", "ios", 3.0, L2)),
    ],
    "raw_social_users": [
        (None, ("u1", "ann", "2025-01-01", "viewer", False, "GB", "2026-04-01", L2)),
        ("null_user_id", (None, "ghost", "2025-01-01", "viewer", False, "GB", "2026-04-01", L2)),
        ("null_export_date", ("u2", "bob", "2025-01-01", "viewer", False, "GB", None, L2)),
        ("unknown_country", ("u3", "cid", "2025-01-01", "viewer", False, "XX", "2026-04-01", L2)),
        ("export_after_load", ("u4", "dee", "2025-01-01", "viewer", False, "GB", "2026-04-05", L2)),
    ],
}
L3 = "2026-04-11 06:00"  # streaming load stamp
B = ("b0", "q1", "a1", "m1", "d1", "c1", "heartbeat", "2026-04-10 10:00", 60, None, "HD", False, L3)  # a good beacon


def beacon(event_id: str | None, **changes: object) -> Row:
    """The good beacon with another id and some fields changed."""
    names = ("event_id", "profile_id", "account_id", "content_id", "device_id", "client_session_id", "event_type",
             "event_ts", "position", "seek_from", "quality", "autoplay", "_loaded_at")
    values = dict(zip(names, B, strict=True)) | {"event_id": event_id} | changes
    return tuple(values.values())


FILM = ("m1", "Film", "movie", None, None, None, None, 600, 540, "drama", "2025-01-01", "2026-04-10", L3)
CASES["streaming"] = {
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
STAGING = {
    "raw_crm_companies": "staging.stg_company_activity__crm_companies",
    "raw_product_usage_api": "staging.stg_company_activity__product_usage_api where quarantine_reason is null",
    "raw_product_events": "staging.stg_company_activity__product_events where quarantine_reason is null",
    "raw_posts": "staging.stg_social__posts where quarantine_reason is null",
    "raw_engagement_events": "social.fact_engagement_events",
    "raw_social_users": "staging.stg_social__users",
    "raw_playback_events": "streaming.fact_viewing_events",
    "raw_content": "staging.stg_streaming__content",
    "raw_devices": "staging.stg_streaming__devices",
    "raw_profiles": "staging.stg_streaming__profiles",
}


@pytest.mark.parametrize("domain", sorted(CASES))
def test_every_rule_quarantines_the_row_that_breaks_it(domain: str, tmp_path: Path) -> None:
    warehouse = tmp_path / "rules.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        create_raw_tables(con, domain)
        for table, cases in CASES[domain].items():
            marks = ", ".join("?" * len(cases[0][1]))
            con.executemany(f"insert into raw.{table} values ({marks})", [list(values) for _, values in cases])
    run_dbt(["seed", "--select", "path:seeds/reference"], warehouse)
    run_dbt(domain_build(domain), warehouse)  # includes the raw-rows conservation tests

    expected = sorted((table, reason) for table, cases in CASES[domain].items() for reason, _ in cases if reason)
    quarantined = rows(warehouse, f"select source_table, reason from staging.{domain}_quarantine order by all")
    assert quarantined == expected
    for table in CASES[domain]:
        assert rows(warehouse, f"select count(*) from {STAGING[table]}") == [(1,)], table
