"""Every domain's scale data set and the benchmark's machinery, at a tiny scale (no timings asserted:
timings live in bench/, never in tests). The domains come from the registry; what is particular to
one domain's set is proven in its own module (test_<domain>_scale.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from bench.scale import bench_domain, markdown
from dwh.cli import main
from dwh.contracts import input_contract
from dwh.dbt import run_dbt
from dwh.registry import DOMAINS, build_selection
from dwh.scale import SCALE_DOMAINS


def raw_digest(warehouse: Path, domain: str) -> list[tuple[object, ...]]:
    """Rows and a hash of each column, for every raw table of the domain."""
    tables = [t.name for t in input_contract().values() if t.domain == domain]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [con.execute(f"select count(*), sum(hash(columns(*))) from raw.{t}").fetchall()[0] for t in tables]


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_scale_set_is_deterministic_and_keeps_every_rule(tmp_path: Path, domain: str) -> None:
    """Generated twice, the same rows; built with every data test of the domain (dense sequences,
    lifecycles, fares, chains, ...), base and increment pass."""
    spec = SCALE_DOMAINS[domain]
    for name in ("a", "b"):
        with duckdb.connect(str(tmp_path / f"{name}.duckdb")) as con:
            assert spec.generate(con, 0.002, 42) > 0
            assert spec.increment(con, 0.002, 42) > 0
    assert raw_digest(tmp_path / "a.duckdb", domain) == raw_digest(tmp_path / "b.duckdb", domain)
    run_dbt(["seed", "--select", "path:seeds/reference"], tmp_path / "a.duckdb")
    run_dbt(["build", "--exclude-resource-type", "seed", "--select", *build_selection(domain),
             "--indirect-selection", "cautious"], tmp_path / "a.duckdb")


def test_scale_benchmark_runs_and_the_daily_run_equals_a_full_refresh(tmp_path: Path) -> None:
    """The benchmark's machinery, on the first domain with incremental tables and baselines (the
    arrival-order and replay tests prove every domain's incrementals; this proves the benchmark)."""
    domain = next(name for name in DOMAINS if SCALE_DOMAINS[name].incremental_tables and SCALE_DOMAINS[name].baselines)
    result = bench_domain(domain, 0.01, tmp_path, lambda message: None)
    assert result["rows_generated"] > 0 and result["incremental"]["rows_added"] > 0
    assert set(result["incremental"]["rows_differing_from_full_refresh"]) == set(
        SCALE_DOMAINS[domain].incremental_tables)
    assert set(result["incremental"]["rows_differing_from_full_refresh"].values()) == {0}
    assert set(result["marts"]) == set(SCALE_DOMAINS[domain].floors)
    assert all(mart["floor_seconds"] > 0 for mart in result["marts"].values())
    assert set(result["baselines"]) == set(SCALE_DOMAINS[domain].baselines)
    assert all(baseline["seconds"] > 0 for baseline in result["baselines"].values())
    assert "| incremental day: model time |" in markdown([result])


def test_generate_scale_cli_writes_then_appends_a_day(tmp_path: Path) -> None:
    assert set(DOMAINS) == set(SCALE_DOMAINS)  # every registered domain has a scale data set
    domain = next(iter(DOMAINS))
    warehouse = tmp_path / "warehouse.duckdb"
    base = ["generate-scale", "--domain", domain, "--scale", "0.002", "--warehouse", str(warehouse)]
    assert main(base) == 0
    before = sum(int(row[0]) for row in raw_digest(warehouse, domain))  # type: ignore[call-overload]
    assert main([*base, "--increment"]) == 0
    assert sum(int(row[0]) for row in raw_digest(warehouse, domain)) > before  # type: ignore[call-overload]
