"""The company-activity scale data set, generated in DuckDB SQL straight into the raw tables.

At scale 1: 2,000 companies over 90 days, about 1,000,000 product events (scale N: N times the
companies, hence N times everything), loaded in 90 daily batches (06:00 the next day), with the
sample's kinds of trouble in proportion:

* 4 % of events land late, 1 to 21 days after they happened (never after the last batch);
* 1 % are replayed (the same row again, in the same batch or the next), 0.3 % corrected in a later
  batch (another type, moved a day, or another user);
* bad rows: a null company, a null event id, a timestamp later than its load (0.05 % each);
* 10 % of companies start late (up to 30 days in) and 10 % go quiet for 15 to 25 days (churn);
* weekly CRM exports of every company started by then: countries sometimes lower-case or
  padded, contacts and industries that change, 1 % of companies deleted after week 8, and an
  unknown country code now and then;
* the Product API's daily figures per company-day with events, 2 % of them disagreeing with the
  events, and 5 % pulled again (corrected) the next day.

`add_increment` appends one more day: that day's events (loaded the next morning) with the same
shares of late rows (for the three weeks before), replays, corrections and bad rows, and the API
pull for the day.

Every value derives from hash(seed, kind, ids), never random(): the same seed gives the same data
whatever the number of threads.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from dwh.contracts import create_raw_tables
from dwh.generators.scale_sql import Baseline, ScaleDomain
from dwh.generators.scale_sql import hashed as _h

FIRST_DAY = "2026-01-01"
DAYS = 90


@dataclass(frozen=True)
class CompanyScale:
    companies: int
    days: int = DAYS

    @classmethod
    def of(cls, factor: float) -> CompanyScale:
        return cls(companies=max(20, int(2_000 * factor)))


def _companies(seed: int, scale: CompanyScale) -> str:
    """One row per company: when it starts, its quiet span, how busy it is, how many users."""
    return f"""
        select
            c,
            'C' || lpad(cast(c as varchar), 6, '0') as company_id,
            case when {_h(seed, 'late', 'c')} % 10 = 0 then {_h(seed, 'start', 'c')} % 30 else 0 end as start_day,
            case when {_h(seed, 'quiet', 'c')} % 10 = 0 then 20 + {_h(seed, 'qs', 'c')} % 50 else -1 end
                as quiet_from,
            15 + {_h(seed, 'ql', 'c')} % 11 as quiet_days,
            3 + {_h(seed, 'users', 'c')} % 38 as users,
            2 + {_h(seed, 'rate', 'c')} % 8 as daily_rate
        from range({scale.companies}) as t (c)
    """


def _events_sql(seed: int, scale: CompanyScale, first: int, last: int, prefix: str) -> str:
    """The true events of days [first, last): one row per event with its natural load day."""
    return f"""
        with companies as ({_companies(seed, scale)}),
        company_days as (
            select c, company_id, users, d,
                   case when d < start_day or (quiet_from >= 0 and d >= quiet_from and d < quiet_from + quiet_days)
                        then 0
                        else {_h(seed, 'n', 'c', 'd')} % (2 * daily_rate + 1) end as n
            from companies cross join range({first}, {last}) as days (d)
        )
        select
            '{prefix}' || c || '-' || d || '-' || k as event_id,
            company_id,
            company_id || '-U' || ({_h(seed, 'u', 'c', 'd', 'k')} % users) as user_id,
            ['login', 'page_view', 'click', 'report_export', 'invite_sent', 'search']
                [1 + {_h(seed, 't', 'c', 'd', 'k')} % 6] as event_type,
            date '{FIRST_DAY}' + to_days(cast(d as integer))
                + to_seconds({_h(seed, 's', 'c', 'd', 'k')} % 86400) as occurred_at,
            d,
            {_h(seed, 'fate', 'c', 'd', 'k')} % 10000 as fate,
            {_h(seed, 'lag', 'c', 'd', 'k')} % 21 + 1 as lateness
        from company_days cross join range(0, 19) as ks (k)
        where k < n
    """


def _load_day(last_day: int) -> str:
    """The load day of an event: the next morning, or 1-21 days later for 4 % of them."""
    return f"least(d + 1 + case when fate < 400 then lateness else 0 end, {last_day})"


def _stamp(day: str) -> str:
    return f"timestamp '{FIRST_DAY} 06:00:00' + to_days(cast({day} as integer))"


def _insert_events(con: duckdb.DuckDBPyConnection, seed: int, scale: CompanyScale, first: int, last: int,
                   last_load_day: int, prefix: str) -> None:
    """Events of days [first, last) with their replays, corrections and bad rows."""
    con.execute(f"create or replace temp table scale_events as {_events_sql(seed, scale, first, last, prefix)}")
    load_day = _load_day(last_load_day)
    con.execute(f"""
        insert into raw.raw_product_events
        -- every event, as it first lands; 0.05 % lose their company, 0.05 % their id
        select case when fate between 9990 and 9994 then null else event_id end,
               case when fate between 9995 and 9999 then null else company_id end,
               user_id, event_type, occurred_at, {_stamp(load_day)}
        from scale_events
        union all
        -- replays (1 %): the same row again, in the same batch or the next
        select event_id, company_id, user_id, event_type, occurred_at,
               {_stamp(f'least({load_day} + fate % 2, {last_load_day})')}
        from scale_events where fate between 1000 and 1099
        union all
        -- corrections (0.3 %): another type, a day later, or another user, one to three batches on
        select event_id, company_id,
               case when fate % 3 = 2 then user_id || 'x' else user_id end,
               case when fate % 3 = 0 then 'search' else event_type end,
               case when fate % 3 = 1 then occurred_at + interval 1 day else occurred_at end,
               {_stamp(f'least({load_day} + 1 + fate % 3, {last_load_day})')}
        from scale_events where fate between 2000 and 2029 and {load_day} + 1 <= {last_load_day}
        union all
        -- bad rows (0.05 %): stamped before the event happened
        select event_id || '-future', company_id, user_id, event_type, occurred_at + interval 3 day,
               {_stamp(load_day)}
        from scale_events where fate between 3000 and 3004
    """)


def _insert_api(con: duckdb.DuckDBPyConnection, seed: int, last_load_day: int) -> None:
    """The Product API's pull for each company-day of scale_events, the morning after."""
    con.execute(f"""
        insert into raw.raw_product_usage_api
        with truth as (
            select company_id, d, count(*) as events, count(distinct user_id) as users
            from scale_events group by company_id, d
        )
        select company_id, date '{FIRST_DAY}' + to_days(cast(d as integer)),
               case when {_h(seed, 'mis', 'company_id', 'd')} % 50 = 0 then users + 1 else users end,
               case when {_h(seed, 'pull', 'company_id', 'd')} % 20 = 0 then events - 1 else events end,
               {_stamp(f'least(d + 1, {last_load_day})')}
        from truth
        union all
        -- 5 % pulled again the next day, now right
        select company_id, date '{FIRST_DAY}' + to_days(cast(d as integer)),
               case when {_h(seed, 'mis', 'company_id', 'd')} % 50 = 0 then users + 1 else users end, events,
               {_stamp(f'least(d + 2, {last_load_day})')}
        from truth where {_h(seed, 'pull', 'company_id', 'd')} % 20 = 0 and d + 2 <= {last_load_day}
    """)


def generate_base(con: duckdb.DuckDBPyConnection, scale: CompanyScale, seed: int = 42) -> int:
    """Create the raw tables (if needed) and fill them with 90 days. Returns events written."""
    create_raw_tables(con, "company_activity")
    _insert_events(con, seed, scale, 0, scale.days, scale.days, "E")
    _insert_api(con, seed, scale.days)
    con.execute(f"""
        insert into raw.raw_crm_companies
        with companies as ({_companies(seed, scale)}),
        exports as (select w, 7 * w + 6 as d from range(0, {scale.days // 7}) as t (w))
        select company_id,
               'Company ' || c || case when {_h(seed, 'rename', 'c')} % 20 = 0 and w >= 6 then ' Group' else '' end,
               case {_h(seed, 'cfmt', 'c', 'w')} % 40
                   when 0 then lower(country) when 1 then ' ' || country || ' ' when 2 then 'XX' else country end,
               ['saas', 'fintech', 'retail', 'health', 'media']
                   [1 + ({_h(seed, 'ind', 'c')} + case when {_h(seed, 'indc', 'c')} % 25 = 0 and w >= 4 then 1
                                                     else 0 end) % 5],
               case when {_h(seed, 'contact', 'c')} % 4 = 0 then null
                    else date '{FIRST_DAY}' + to_days(cast(d - 1 - {_h(seed, 'cd', 'c', 'w')} % 5 as integer))
                         + interval 10 hour end,
               date '{FIRST_DAY}' + to_days(cast(d as integer)),
               {_stamp('d')}
        from (select *, ['US', 'GB', 'DE', 'FR', 'NL', 'SE', 'JP', 'BR', 'IN', 'CA'][1 + c % 10] as country
              from companies) as c
        cross join exports
        where start_day <= d and not ({_h(seed, 'del', 'c')} % 100 = 0 and w >= 8)
    """)
    return int(con.execute("select count(*) from raw.raw_product_events").fetchall()[0][0])


def add_increment(con: duckdb.DuckDBPyConnection, scale: CompanyScale, seed: int = 42) -> int:
    """Append one more day: its events (loaded the next morning), late rows for the three weeks
    before, replays, corrections, bad rows and its API pull. Returns the rows appended."""
    before = int(con.execute("select count(*) from raw.raw_product_events").fetchall()[0][0])
    day = scale.days
    # the day itself, landing the next morning (day + 1), and late events of the 21 days before
    con.execute(f"create or replace temp table scale_events as {_events_sql(seed, scale, day, day + 1, 'N')}")
    con.execute(f"""
        insert into scale_events
        select * from ({_events_sql(seed, scale, day - 21, day, 'L')})
        where fate < 19  -- about 4 % of a day's volume, as in every base batch
    """)
    con.execute(f"""
        insert into raw.raw_product_events
        select case when fate between 9990 and 9994 then null else event_id end,
               case when fate between 9995 and 9999 then null else company_id end,
               user_id, event_type, occurred_at, {_stamp(str(day + 1))}
        from scale_events
        union all
        select event_id, company_id, user_id, event_type, occurred_at, {_stamp(str(day + 1))}
        from scale_events where fate between 1000 and 1099
        union all
        select event_id || '-future', company_id, user_id, event_type, occurred_at + interval 3 day,
               {_stamp(str(day + 1))}
        from scale_events where fate between 3000 and 3004
    """)
    # corrections of events that landed in the base: 0.3 % of the last two days' events
    con.execute(f"""
        insert into raw.raw_product_events
        select event_id, company_id, user_id, 'search', occurred_at, {_stamp(str(day + 1))}
        from ({_events_sql(seed, scale, day - 2, day, 'E')})
        where fate between 2100 and 2129
    """)
    con.execute(f"delete from scale_events where d != {day}")
    _insert_api(con, seed, day + 1)
    after = int(con.execute("select count(*) from raw.raw_product_events").fetchall()[0][0])
    return after - before


EVENTS_BY_DAY = """
    select company_id, activity_date, count(*) as events, count(distinct user_id) as users
    from staging.stg_company_activity__product_events
    where quarantine_reason is null
    group by company_id, activity_date
"""

# Seed 002's query, held beside the fact by the benchmark: how much faster it is, and how its
# answers differ (rolling sums over rows, not days; the CRM's newest export, not the one in effect).
NAIVE_QUERY = """
-- seed 002's query, as written there, on the warehouse's staged tables: the Product API's daily
-- figures joined to the CRM, rolling sums over rows
with daily_usage as (
    select company_id, usage_date as activity_date, active_users, events
    from staging.stg_company_activity__product_usage_api
),
crm as (
    select company_id, company_name, country, industry_tag, last_contact_at
    from staging.stg_company_activity__crm_companies
    qualify row_number() over (partition by company_id order by export_date desc) = 1
)
select
    u.company_id, u.activity_date, c.company_name, c.country, c.industry_tag, c.last_contact_at,
    u.active_users, u.events,
    sum(u.active_users) over (partition by u.company_id order by u.activity_date
                              rows between 6 preceding and current row) as active_users_7d,
    sum(u.events) over (partition by u.company_id order by u.activity_date
                        rows between 13 preceding and current row) = 0 as is_churn_risk,
    u.events / nullif(u.active_users, 0) as events_per_user,
    date_diff('day', cast(c.last_contact_at as date), u.activity_date) as days_since_last_contact,
    current_timestamp as loaded_at
from daily_usage u
left join crm c on u.company_id = c.company_id
"""

NAIVE_DIFFERENCES = "with naive as (" + NAIVE_QUERY + """),
fact as (select * from company_activity.fact_company_activity),
joined as (
    select fact.company_id is null as only_naive, naive.company_id is null as only_fact,
           naive.active_users_7d is distinct from fact.active_users_7d as users_7d_differ,
           naive.is_churn_risk is distinct from fact.is_churn_risk as churn_differs,
           naive.days_since_last_contact < 0 as negative_days
    from naive full outer join fact
        on naive.company_id = fact.company_id and naive.activity_date = fact.activity_date
)
select
    count(*) filter (where not only_naive and not only_fact and (users_7d_differ or churn_differs))
        as rows_differing_in_7_day_users_or_churn,
    count(*) filter (where only_fact) as fact_rows_the_naive_query_lacks,
    count(*) filter (where only_naive) as naive_rows_not_in_the_fact,
    count(*) filter (where negative_days) as negative_days_since_contact,
    (select count(*) from fact) as fact_rows
from joined
"""


# What `dwh generate-scale` and the benchmark (bench/scale.py) need: the generator, the one-day
# increment, the floor of each mart and the incremental tables a full refresh must reproduce.
SCALE = ScaleDomain(
    generate=lambda con, f, seed: generate_base(
        con, CompanyScale.of(f), seed),
    increment=lambda con, f, seed: add_increment(
        con, CompanyScale.of(f), seed),
    describe="scale 1: 2,000 companies, 90 days, ~1M product events; scale N: N times the companies",
    floors={
        "fact_company_activity": EVENTS_BY_DAY,
        "agg_company_daily_events": EVENTS_BY_DAY,
        "company_activity_reconciliation": "select company_id, activity_date, max(events) "
                                           "from company_activity.agg_company_daily_events group by all",
        "dim_companies": "select company_id, dbt_valid_from, count(*) "
                         "from snapshots.snap_company_activity__crm_companies group by all",
    },
    incremental_tables=("staging.stg_company_activity__product_events",
                        "staging.stg_company_activity__product_event_days",
                        "staging.stg_company_activity__product_usage_api", "company_activity.agg_company_daily_events",
                        "company_activity.company_activity_reconciliation", "company_activity.fact_company_activity"),
    baselines={"naive": Baseline("seed 002's naive query", NAIVE_QUERY, "fact_company_activity", NAIVE_DIFFERENCES)},
)
