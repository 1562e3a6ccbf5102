# Two commands for a fresh machine: `make run` (web UI) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Two stamps: the web UI needs only the runtime; the tests need the test extras as well.
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
HOST ?= 127.0.0.1
PORT ?= 5000
# Test processes (pytest-xdist). --dist loadscope keeps a module's tests on one worker, so its
# module-scoped fixtures are built once (loadgroup's marks are ignored under pytest 9.2:
# pytest-xdist issue 1386).
TEST_WORKERS ?= auto

.PHONY: run test lint typecheck unit index clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(TEST_STAMP) $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/hanzi-companion serve --production --host $(HOST) --port $(PORT)

test: $(TEST_STAMP)
	$(BIN)/ruff check hanzi_companion tests benchmarks
	$(BIN)/ruff format --check hanzi_companion tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope

index: $(RUN_STAMP)
	$(BIN)/hanzi-companion index

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
