# floorlead: `make demo` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PYTEST_ARGS ?=

.PHONY: demo test lint format bench install install-dev clean vendor

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
	$(BIN)/floorlead demo --data-dir floorlead-data --keep

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

# Refresh the vendored front-end libraries from the npm registry (run by maintainers only).
vendor:
	npm install --no-audit --no-fund
	mkdir -p src/floorlead/web/static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js src/floorlead/web/static/vendor/htmx.min.js
	cp node_modules/chart.js/dist/chart.umd.min.js src/floorlead/web/static/vendor/chart.umd.min.js
	cp node_modules/chart.js/LICENSE.md src/floorlead/web/static/vendor/chart.js.LICENSE.md
	cp node_modules/htmx.org/LICENSE src/floorlead/web/static/vendor/htmx.LICENSE
