# Two commands set everything up on a fresh machine:
#   make run   -> install, load the demo corpus into ./borderwatch.db, serve http://127.0.0.1:8000
#   make test  -> install with test dependencies, run the whole test suite
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint typecheck bench vendor-js clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when the project's dependency files change.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,ray]'
	touch $(VENV)/.installed $@

# The source checkout is installed editable: compile its bytecode once here, as pip does for
# an installed package, so that no command recompiles ~250 modules on start (a shell with
# PYTHONDONTWRITEBYTECODE set would otherwise pay ~0.3 s on every command).
run: $(VENV)/.installed
	$(BIN)/python -m compileall -q src
	$(BIN)/borderwatch demo --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-dev
	bash scripts/setup-browser.sh
	bash scripts/start-postgres.sh
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	BORDERWATCH_TEST_PG_REQUIRED=1 $(BIN)/pytest -q

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/dashboard_filter.py
	$(BIN)/python bench/batch_throughput.py
	$(BIN)/python bench/store_scale.py

vendor-js:
	bash scripts/vendor-js.sh

clean:
	rm -rf $(VENV) borderwatch.db borderwatch.db-wal borderwatch.db-shm
