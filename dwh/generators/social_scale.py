"""The social scale data set, generated in DuckDB SQL straight into the raw tables.

At scale 1.0: one original (`v0`) shared 1,000,000 times in a random tree, one chain 10,000
levels deep (`d0` .. `d10000`), 1,000,000 other originals with 1,000,000 shares among them:
about 3 million posts, plus users and engagement events. Scale N multiplies the posts, users
and events by N but keeps the deepest chain at 10,000 levels: share paths grow with the square
of a chain's depth (a chain 100,000 deep would hold ~35 GB of paths). `add_increment` appends a later load
batch of new shares, 1 % of the posts (new leaves of the viral tree, 100 more levels of the deep
chain, new shares of other posts).

Every value derives from hash(seed, kind, row number), never random(): the same seed gives the
same data whatever the number of threads.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from dwh.contracts import create_raw_tables
from dwh.generators.scale_sql import Baseline, ScaleDomain
from dwh.generators.scale_sql import hashed as _h

BASE_LOADED_AT = "2026-06-01 06:00:00"
INCREMENT_LOADED_AT = "2026-06-02 06:00:00"


@dataclass(frozen=True)
class Scale:
    viral_shares: int
    deep_chain: int
    originals: int
    other_shares: int
    users: int
    events: int

    @classmethod
    def of(cls, factor: float) -> Scale:
        return cls(
            viral_shares=max(10, int(1_000_000 * factor)),
            # a chain's paths grow with the square of its depth: the deepest stays 10,000 levels
            deep_chain=max(10, int(10_000 * min(factor, 1.0))),
            originals=max(10, int(1_000_000 * factor)),
            other_shares=max(10, int(1_000_000 * factor)),
            users=max(10, int(100_000 * factor)),
            events=max(10, int(1_000_000 * factor)),
        )

    @property
    def posts(self) -> int:
        return 2 + self.viral_shares + self.deep_chain + self.originals + self.other_shares


def generate_base(con: duckdb.DuckDBPyConnection, scale: Scale, seed: int = 42) -> int:
    """Create the raw tables (if needed) and fill them with the base load. Returns posts written."""
    create_raw_tables(con, "social")
    user = f"'su' || ({_h(seed, 'creator', 'i')} % {scale.users})"
    stamp = f"timestamp '{BASE_LOADED_AT}'"
    con.execute(f"""
        insert into raw.raw_social_users
        select 'su' || i, 'user_' || i, timestamp '2025-01-01' + to_days(cast(i % 365 as integer)),
               case when i % 100 = 0 then 'employee' else 'viewer' end, i % 100 = 0,
               ['US', 'GB', 'DE', 'FR', 'BR'][1 + i % 5], date '2026-06-01', {stamp}
        from range({scale.users}) as t (i)
    """)
    con.execute(f"""
        insert into raw.raw_posts
        -- the viral original and its random share tree: share i shares a random earlier post
        select 'v0', 'su1', null, timestamp '2026-05-01', 'video', false, {stamp}
        union all
        select 'v' || i, {user},
               'v' || ({_h(seed, 'viral', 'i')} % i),
               timestamp '2026-05-01' + to_seconds(cast(i as bigint)), 'video', false, {stamp}
        from range(1, {scale.viral_shares + 1}) as t (i)
        union all
        -- the deep chain
        select 'd' || i, {user}, case when i > 0 then 'd' || (i - 1) end,
               timestamp '2026-05-02' + to_seconds(cast(i as bigint)), 'video', false, {stamp}
        from range(0, {scale.deep_chain + 1}) as t (i)
        union all
        -- other originals, and shares of them (70 %) or of earlier shares (30 %)
        select 'o' || i, {user}, null, timestamp '2026-05-03' + to_seconds(cast(i as bigint)),
               ['video', 'image', 'text'][1 + i % 3], false, {stamp}
        from range({scale.originals}) as t (i)
        union all
        select 's' || i, {user},
               case
                   when i = 0 or {_h(seed, 'kind', 'i')} % 10 < 7
                       then 'o' || ({_h(seed, 'orig', 'i')} % {scale.originals})
                   else 's' || ({_h(seed, 'share', 'i')} % i)
               end,
               timestamp '2026-05-20' + to_seconds(cast(i as bigint)), 'video', false, {stamp}
        from range({scale.other_shares}) as t (i)
    """)
    _events(con, scale, seed, "e", scale.events, stamp)
    return scale.posts


def _events(con: duckdb.DuckDBPyConnection, scale: Scale, seed: int, prefix: str, count: int, stamp: str) -> None:
    post = (f"case {_h(seed, prefix + 'pk', 'i')} % 3 when 0 then 'v' || ({_h(seed, prefix + 'pv', 'i')} "
            f"% {scale.viral_shares}) when 1 then 'o' || ({_h(seed, prefix + 'po', 'i')} % {scale.originals}) "
            f"else 's' || ({_h(seed, prefix + 'ps', 'i')} % {scale.other_shares}) end")
    con.execute(f"""
        insert into raw.raw_engagement_events
        select '{prefix}' || i, 'su' || ({_h(seed, prefix + 'u', 'i')} % {scale.users}), {post},
               ['view', 'view', 'reaction', 'comment', 'share', 'save'][1 + {_h(seed, prefix + 't', 'i')} % 6],
               timestamp '2026-05-25' + to_seconds(cast({_h(seed, prefix + 'ts', 'i')} % 500000 as bigint)),
               'sess' || (i // 5), ['ios', 'android', 'web'][1 + i % 3],
               case when {_h(seed, prefix + 't', 'i')} % 6 < 2 then ({_h(seed, prefix + 's', 'i')} % 9000) / 100.0
               end,
               {stamp}
        from range({count}) as t (i)
    """)


def add_increment(con: duckdb.DuckDBPyConnection, scale: Scale, seed: int = 42) -> int:
    """Append a later load batch of new shares, 1 % of the posts. Returns posts written."""
    stamp = f"timestamp '{INCREMENT_LOADED_AT}'"
    user = f"'su' || ({_h(seed, 'icreator', 'i')} % {scale.users})"
    total = scale.posts // 100
    deep = max(1, min(100, total // 10))
    viral = (total - deep) // 3
    other = total - deep - viral
    con.execute(f"""
        insert into raw.raw_posts
        select 'vn' || i, {user}, 'v' || ({_h(seed, 'iviral', 'i')} % {scale.viral_shares + 1}),
               timestamp '2026-06-01 12:00:00', 'video', false, {stamp}
        from range({viral}) as t (i)
        union all
        select 'd' || ({scale.deep_chain} + i), {user}, 'd' || ({scale.deep_chain} + i - 1),
               timestamp '2026-06-01 12:00:00', 'video', false, {stamp}
        from range(1, {deep + 1}) as t (i)
        union all
        select 'sn' || i, {user},
               case when i % 2 = 0 then 'o' || ({_h(seed, 'iorig', 'i')} % {scale.originals})
                    else 's' || ({_h(seed, 'ishare', 'i')} % {scale.other_shares}) end,
               timestamp '2026-06-01 12:00:00', 'image', false, {stamp}
        from range({other}) as t (i)
    """)
    _events(con, scale, seed, "en", max(1, scale.events // 100), stamp)
    return viral + deep + other


# the walk from each original down, one level per step, and nothing else (no orphans, cycles,
# keys or attributes): what dim_posts' full build is held against (bench/scale.py and bench/social_share_chains.py)
PLAIN_RECURSIVE_SELECT = """
with recursive chains (post_id, original_post_id, share_depth_level, share_path) as (
    select post_id, post_id, 0, post_id
    from staging.stg_social__posts
    where parent_post_id is null and quarantine_reason is null
    union all
    select posts.post_id, chains.original_post_id, chains.share_depth_level + 1,
           chains.share_path || '/' || posts.post_id
    from chains
    inner join staging.stg_social__posts as posts
        on posts.parent_post_id = chains.post_id and posts.quarantine_reason is null
)
select * from chains
"""


# What `dwh generate-scale` and the benchmark (bench/scale.py) need: the generator, the one-day
# increment, the floor of each mart and the incremental tables a full refresh must reproduce.
SCALE = ScaleDomain(
    generate=lambda con, f, seed: generate_base(con, Scale.of(f), seed),
    increment=lambda con, f, seed: add_increment(con, Scale.of(f), seed),
    describe="scale 1: one original shared 1,000,000 times, a chain 10,000 levels deep, ~3M posts; "
             "scale N: N times the posts, the deepest chain still 10,000 levels",
    floors={
        "dim_posts": "select post_id, count(*) from staging.stg_social__posts group by all",
        "fact_engagement_events": "select event_id, count(*) from raw.raw_engagement_events group by all",
        "fact_post_virality": "select original_post_id, count(*) from social.dim_posts group by all",
        "fact_share_levels": "select original_post_id, share_depth_level, count(*) from social.dim_posts "
                             "group by all",
        "social__dim_users": "select user_id, count(*) from raw.raw_social_users group by all",
    },
    incremental_tables=("staging.stg_social__posts", "social.dim_posts"),
    baselines={"plain_recursive": Baseline("plain recursive CTE (same posts)", PLAIN_RECURSIVE_SELECT, "dim_posts")},
)
