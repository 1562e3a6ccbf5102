# Two commands for a fresh machine: `make run` (web UI) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000
# Test processes (pytest-xdist); browser tests share one worker (see tests/browser/conftest.py).
TEST_WORKERS ?= auto

.PHONY: run test lint typecheck unit index clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/hanzi-companion serve --production --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/ruff check hanzi_companion tests benchmarks
	$(BIN)/ruff format --check hanzi_companion tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup

index: $(STAMP)
	$(BIN)/hanzi-companion index

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
