# Two commands on a fresh clone: `make demo` and `make test`.
# Each creates .venv if it is missing and installs what it needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev

.PHONY: demo test lint typecheck unit bench clean notebook

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	touch $@

# The bundled example keeps the source report's mistakes, so the audit finds errors and
# exits 1 by design; only a usage or input error (exit 2) fails the demo.
demo: $(STAMP)
	@$(BIN)/welfare-rules audit --example; status=$$?; \
	if [ $$status -gt 1 ]; then exit $$status; fi

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

unit: $(STAMP)
	$(BIN)/pytest -q

# Strip the stored outputs of examples/*.ipynb (run it before committing a notebook).
notebook: $(STAMP)
	$(BIN)/python examples/strip_outputs.py

bench: $(STAMP)
	@for f in benchmarks/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
