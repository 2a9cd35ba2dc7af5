# floorlead: `make demo` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PYTEST_ARGS ?=

.PHONY: demo test lint format bench install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP) $@

install: $(STAMP)

install-dev: $(DEV_STAMP)

demo: $(STAMP)
	$(BIN)/floorlead demo --data-dir floorlead-data

lint: $(DEV_STAMP)
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench

format: $(DEV_STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

test: lint
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

bench: $(DEV_STAMP)
	$(BIN)/python bench/api.py
	$(BIN)/python bench/kpi.py
	$(BIN)/python bench/wfm.py

clean:
	rm -rf $(VENV) floorlead-data .pytest_cache .ruff_cache
