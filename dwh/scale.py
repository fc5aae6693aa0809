"""The scale data sets of every domain, and what the benchmark needs to know about each.

`python -m dwh generate-scale --domain <domain> --scale N --warehouse FILE [--increment]` writes a
domain's scale data straight into a warehouse's raw tables (DuckDB SQL, never dbt seeds);
bench/scale.py (`make bench`) builds on it. Each domain declares its generator, its one-day
increment, the dbt selection of its models, the floor of each mart (one scan-and-group of the
mart's deduplicated input) and its incremental tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from dwh.generators import company_activity_scale, delivery_scale, rideshare_scale, social_scale, streaming_scale


@dataclass(frozen=True)
class ScaleDomain:
    generate: Callable[[duckdb.DuckDBPyConnection, float, int], int]  # (connection, scale, seed) -> rows
    increment: Callable[[duckdb.DuckDBPyConnection, float, int], int]
    describe: str
    select: tuple[str, ...]
    floors: dict[str, str]
    incremental_tables: dict[str, str]  # incremental table -> the columns a full refresh must reproduce


EVENTS_BY_DAY = """
    select company_id, activity_date, count(*) as events, count(distinct user_id) as users
    from staging.stg_company_activity__product_events
    where quarantine_reason is null
    group by company_id, activity_date
"""

SCALE_DOMAINS: dict[str, ScaleDomain] = {
    "company_activity": ScaleDomain(
        generate=lambda con, f, seed: company_activity_scale.generate_base(
            con, company_activity_scale.CompanyScale.of(f), seed),
        increment=lambda con, f, seed: company_activity_scale.add_increment(
            con, company_activity_scale.CompanyScale.of(f), seed),
        describe="scale 1: 2,000 companies, 90 days, ~1M product events; scale N: N times the companies",
        select=("tag:company_activity", "tag:shared"),
        floors={
            "fact_company_activity": EVENTS_BY_DAY,
            "agg_company_daily_events": EVENTS_BY_DAY,
            "company_activity_reconciliation": "select company_id, activity_date, max(events) "
                                               "from company_activity.agg_company_daily_events group by all",
            "dim_companies": "select company_id, dbt_valid_from, count(*) "
                             "from snapshots.snap_company_activity__crm_companies group by all",
        },
        incremental_tables={"staging.stg_company_activity__product_events": "*",
                            "staging.stg_company_activity__product_event_days": "*",
                            "staging.stg_company_activity__product_usage_api": "*",
                            "company_activity.agg_company_daily_events": "*",
                            "company_activity.company_activity_reconciliation": "*",
                            # every column but the build time
                            "company_activity.fact_company_activity": "* exclude (loaded_at)"},
    ),
    "social": ScaleDomain(
        generate=lambda con, f, seed: social_scale.generate_base(con, social_scale.Scale.of(f), seed),
        increment=lambda con, f, seed: social_scale.add_increment(con, social_scale.Scale.of(f), seed),
        describe="scale 1: one original shared 1,000,000 times, a chain 10,000 levels deep, ~3M posts; "
                 "scale N: N times the posts, the deepest chain still 10,000 levels",
        select=("tag:social", "tag:shared"),
        floors={
            "dim_posts": "select post_id, count(*) from staging.stg_social__posts group by all",
            "fact_engagement_events": "select event_id, count(*) from raw.raw_engagement_events group by all",
            "fact_post_virality": "select original_post_id, count(*) from social.dim_posts group by all",
            "fact_share_levels": "select original_post_id, share_depth_level, count(*) from social.dim_posts "
                                 "group by all",
            "social__dim_users": "select user_id, count(*) from raw.raw_social_users group by all",
        },
        incremental_tables={"staging.stg_social__posts": "*", "social.dim_posts": "*"},
    ),
    "streaming": ScaleDomain(
        generate=lambda con, f, seed: streaming_scale.generate_base(con, streaming_scale.StreamingScale.of(f), seed),
        increment=lambda con, f, seed: streaming_scale.add_increment(con, streaming_scale.StreamingScale.of(f), seed),
        describe="scale 1: 20,000 profiles, 2,000 titles, 60,000 sessions over 30 days, ~1M beacons; "
                 "scale N: N times the profiles, devices and sessions",
        select=("tag:streaming", "tag:shared"),
        floors={
            "fact_viewing_sessions": "select viewing_key, count(*), min(event_timestamp), max(event_timestamp) "
                                     "from staging.stg_streaming__playback_events where quarantine_reason is null "
                                     "group by all",
            "fact_viewing_events": "select event_id, count(*) from raw.raw_playback_events group by all",
            "user_cumulative_view_time": "select profile_id, sum(watch_time_seconds) "
                                         "from streaming.fact_viewing_sessions group by all",
            "fact_binge_watches": "select profile_id, content_id, count(*) from streaming.fact_viewing_sessions "
                                  "group by all",
            "dim_content": "select content_id, count(*) from raw.raw_content group by all",
        },
        incremental_tables={
            "staging.stg_streaming__playback_events": "*",
            "intermediate.int_streaming__session_events":
                "* exclude (_sessionised_at, _previous_viewing_key, _previous_profile_id)",
            "streaming.fact_viewing_sessions": "* exclude (_sessionised_at, _content_loaded_through)",
            "streaming.fact_viewing_events": "* exclude (_sessionised_at, _content_loaded_through)",
            "streaming.user_cumulative_view_time": "* exclude (_sessionised_at, _content_loaded_through)",
        },
    ),
    "rideshare": ScaleDomain(
        generate=lambda con, f, seed: rideshare_scale.generate_base(con, rideshare_scale.RideshareScale.of(f), seed),
        increment=lambda con, f, seed: rideshare_scale.add_increment(con, rideshare_scale.RideshareScale.of(f), seed),
        describe="scale 1: 20,000 riders, 2,000 drivers, 500,000 rides over 30 days (~800,000 segments); "
                 "scale N: N times the riders, drivers and rides",
        select=("tag:rideshare", "tag:shared"),
        floors={
            "fact_rides": "select ride_id, count(*) from raw.raw_rides group by all",
            "fact_ride_segments": "select segment_id, count(*) from raw.raw_ride_segments group by all",
            "fact_carpool_daily": "select cast(start_timestamp as date), start_location_id, ride_type, count(*) "
                                  "from rideshare.fact_rides group by all",
            "rideshare__dim_users": "select user_id, home_city, count(*) from raw.raw_rideshare_users group by all",
        },
        incremental_tables={},
    ),
    "delivery": ScaleDomain(
        generate=lambda con, f, seed: delivery_scale.generate_base(con, delivery_scale.DeliveryScale.of(f), seed),
        increment=lambda con, f, seed: delivery_scale.add_increment(con, delivery_scale.DeliveryScale.of(f), seed),
        describe="scale 1: 1,000,000 orders over 30 days, ~360,000 batches with their deliveries, waypoints "
                 "and state changes; scale N: N times the orders, customers, restaurants and drivers",
        select=("tag:delivery", "tag:shared"),
        floors={
            "fact_orders": "select order_id, count(*) from raw.raw_orders group by all",
            "fact_deliveries": "select delivery_id, count(*) from raw.raw_deliveries group by all",
            "fact_delivery_batches": "select batch_id, count(*) from raw.raw_delivery_batches group by all",
            "fact_batch_deliveries": "select batch_delivery_id, count(*) from raw.raw_batch_deliveries group by all",
            "fact_batch_waypoints": "select waypoint_id, count(*) from raw.raw_batch_waypoints group by all",
            "fact_batch_state_changes": "select state_change_id, count(*) from raw.raw_batch_state_changes "
                                        "group by all",
            "fact_restaurant_daily": "select restaurant_id, date_partition, count(*) from delivery.fact_orders "
                                     "group by all",
            "dim_drivers": "select driver_id, driver_tier, count(*) from raw.raw_drivers group by all",
        },
        incremental_tables={},
    ),
}
