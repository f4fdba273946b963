PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test check lint bench stress clean compile

# The stamp files make set-up a no-op once the venv matches pyproject.toml.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# An editable install compiles nothing, and where PYTHONDONTWRITEBYTECODE is set Python
# never writes the .pyc files that a wheel install (and a first run elsewhere) leaves:
# compile them here, so a start reads bytecode like every installed package does.
compile: $(VENV)/.installed
	$(BIN)/python -m compileall -q store tui

run: compile
	$(BIN)/bondtui

# Every test at its default counts: the fast ones and the slow ones (snapshots, long property runs,
# the board's screens) on every core, then those that time what happens to the second (the kill
# loops, the real terminals) in one process. Exit 5 is "none of them selected".
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not serial" -n auto $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(BIN)/python -m pytest -m serial $(PYTEST_ARGS) || [ $$? -eq 5 ]

# The shape and the types: lint, mypy, the import contracts (tests/test_shape.py, among
# the fast tests, holds module and folder sizes and the import circles).
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check store tui themes tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# The quick loop while working: lint, types, contracts and every test not marked slow.
check: lint
	$(BIN)/python -m pytest -q -m "not slow" -n auto $(PYTEST_ARGS)

bench: $(VENV)/.installed-test compile
	$(BIN)/python bench/run.py

stress: $(VENV)/.installed-test
	BONDTUI_KILLS=500 $(BIN)/python -m pytest tests/store/files/test_kill_loop.py -s $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
