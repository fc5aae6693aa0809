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
SHARED ?= $(abspath ../shared)

.PHONY: help install seeds build test lint dag-rules pytest docs docs-serve replay clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(BIN)/dbt: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

install: $(BIN)/dbt  ## create .venv and install the pinned requirements

seeds: install  ## regenerate the sample raw data (deterministic: same --seed, same files)
	$(BIN)/python -m dwh generate --seed 42

build: install  ## load the sample data and run dbt build on the embedded DuckDB file
	$(DBT) build $(DBT_ARGS) --full-refresh
	@echo
	@echo "Warehouse: $(WAREHOUSE_PATH)"
	@echo "Try:  $(BIN)/dbt show $(DBT_ARGS) --inline \"select company_id, activity_date, events, active_users_7d, is_churn_risk from {{ ref('fact_company_activity') }} order by activity_date desc, company_id\" --limit 5"

lint: install  ## sqlfluff (dbt templater, DuckDB dialect) and ruff
	$(BIN)/sqlfluff lint models macros tests analyses snapshots
	$(BIN)/ruff check dwh pytests bench

dag-rules: install  ## structure rules on the manifest (../shared/checks/dag_rules.py)
	WAREHOUSE_PATH=$$(mktemp -u /tmp/parse-XXXXXX.duckdb) $(DBT) parse $(DBT_ARGS) --warn-error
	$(BIN)/python $(SHARED)/checks/dag_rules.py target/manifest.json

pytest: install  ## the pytest suite (builds into temporary DuckDB files only)
	$(BIN)/python -m pytest -q pytests

test: lint dag-rules pytest  ## everything CI checks

docs: install  ## generate the docs site (target/index.html, target/static_index.html)
	$(DBT) docs generate $(DBT_ARGS) --static

docs-serve: docs  ## serve the docs on http://localhost:8080
	$(DBT) docs serve $(DBT_ARGS) --port 8080

replay: install  ## rebuild the warehouse one load batch at a time (complete SCD2 history)
	$(BIN)/python -m dwh replay --warehouse $(WAREHOUSE_PATH)

clean:  ## remove build output (keeps .venv)
	rm -rf target logs dbt_packages warehouse.duckdb warehouse.duckdb.wal
