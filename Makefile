# Two commands on a fresh machine: `make build`, then `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PROJECT_DIR := $(abspath .)
export WAREHOUSE_PATH ?= $(PROJECT_DIR)/warehouse.duckdb
export DBT_PROFILES_DIR := $(PROJECT_DIR)
DBT := $(BIN)/dbt --no-use-colors
DBT_ARGS := --project-dir $(PROJECT_DIR) --profiles-dir $(PROJECT_DIR)
DWH := $(BIN)/python -m dwh
LANDING_DIR ?= $(PROJECT_DIR)/landing
# pytest workers (pytest-xdist): one per core; a module's tests stay on one worker, so its fixtures are built once;
# modules go out in collection order, those marked `long` first (pytests/conftest.py)
PYTEST_WORKERS ?= 2
# make test DOMAIN=<name>: one domain's tests and the shared ones (python -m dwh domains lists the names)
DOMAIN ?=

.PHONY: help install seeds build build-landing build-once run where test lint lint-python structure pytest test-engines docs docs-serve docs-coverage bench bench-domains bench-engines bench-suite clean

help:  ## list the targets (with the values the variables have now)
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) \
		| sed -e 's|$$(LANDING_DIR)|$(LANDING_DIR)|g' -e 's|$$(WAREHOUSE_PATH)|$(WAREHOUSE_PATH)|g' \
		| awk -F':.*## ' '{ name[NR] = $$1; text[NR] = $$2; if (length($$1) > width) width = length($$1) } \
			END { for (i = 1; i <= NR; i++) printf "  make %-*s  %s\n", width, name[i], text[i] }'

$(BIN)/dbt: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

install: $(BIN)/dbt  ## create .venv and install the pinned requirements

seeds: install  ## regenerate the sample raw data (deterministic: same --seed, same files)
	$(BIN)/python -m dwh generate --seed 42

build: install  ## load the sample data batch by batch, building after each, then run every test (replaces the file)
	$(DWH) replay --warehouse $(WAREHOUSE_PATH)
	@$(MAKE) --no-print-directory where

build-landing: install  ## the same through landing files: write them to $(LANDING_DIR), load and build batch by batch
	rm -rf $(LANDING_DIR) && $(DWH) generate --landing $(LANDING_DIR)
	$(DWH) replay --warehouse $(WAREHOUSE_PATH) --landing $(LANDING_DIR)
	@$(MAKE) --no-print-directory where

build-once: install  ## load all sample data at once and run a single dbt build (faster; CRM history = latest export only)
	$(DWH) build-once --warehouse $(WAREHOUSE_PATH)
	@$(MAKE) --no-print-directory where

run: install  ## the daily run: load $(LANDING_DIR) (files, not folders), check the contract, build, check freshness
	$(DWH) run --warehouse $(WAREHOUSE_PATH) --landing $(LANDING_DIR)

where:
	@echo
	@echo "Warehouse: $(WAREHOUSE_PATH)"
	@echo "Try:  $(DWH) domains      (each domain: its marts, raw tables and dbt selection)"
	@echo "then: $(BIN)/dbt show $(DBT_ARGS) --select <a mart> --limit 5"

lint: lint-python  ## sqlfluff (dbt templater, DuckDB dialect), ruff and mypy
	WAREHOUSE_PATH=$$(mktemp -u -t lint-XXXXXX.duckdb) $(BIN)/sqlfluff lint models tests analyses

lint-python: install
	$(BIN)/ruff check dwh pytests bench
	$(BIN)/mypy

structure: install  ## the structure rules (dwh/structure_rules.py), checked by dbt-score on the manifest
	WAREHOUSE_PATH=$$(mktemp -u -t parse-XXXXXX.duckdb) $(DBT) parse $(DBT_ARGS) --warn-error
	$(BIN)/dbt-score lint --manifest target/manifest.json

pytest: install  ## the pytest suite (builds into temporary DuckDB files only); DOMAIN=<name>: that domain's and the shared tests
	DOMAIN=$(DOMAIN) $(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder --durations=30 pytests

test: lint-python structure pytest  ## everything CI checks (pytest runs sqlfluff, docs, documentation coverage and every build)

test-engines: install  ## PostgreSQL and Spark (installed, started and stopped by scripts/): every mart equals DuckDB's
	$(BIN)/python -m pytest -q -s -m engines pytests/test_engines.py

docs: install  ## generate the docs site (target/index.html, target/static_index.html)
	$(DWH) dbt --warehouse $(WAREHOUSE_PATH) -- docs generate --static

docs-coverage: docs  ## documentation coverage of the built warehouse (dbt-coverage; fails under 100 %)
	$(BIN)/dbt-coverage compute doc --project-dir $(PROJECT_DIR) --cov-report target/coverage-doc.json --cov-fail-under 1.0

docs-serve: docs  ## serve the docs on http://localhost:8080
	$(DBT) docs serve $(DBT_ARGS) --port 8080

bench-engines: install  ## the sample built on DuckDB, PostgreSQL and Spark side by side: bench/results/engines.{json,md}
	$(BIN)/python -m bench.engines

bench: install  ## every domain at scale 1 and 10 against its floors (~30 min): bench/results/scale.{json,md}
	$(BIN)/python -m bench.scale

bench-suite: install  ## make build, make test and make test DOMAIN=<first> from a copy of HEAD with nothing beside it (~30 min): bench/results/suite.{json,md}
	$(BIN)/python -m bench.suite

bench-domains: install  ## each domain's own benchmarks (bench/<domain>_*.py; today dim_posts' share chains, ~2 min)
	$(BIN)/python -m bench.domains

clean:  ## remove build output (keeps .venv)
	rm -rf target logs dbt_packages warehouse.duckdb warehouse.duckdb.wal
