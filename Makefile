# Two commands on a fresh clone: `make demo` and `make test`.
# Each creates .venv if it is missing and installs what it needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev

.PHONY: demo test lint typecheck unit bench clean notebook fuzz

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

# The long fuzz run: many Hypothesis examples per entry point (FUZZ_EXAMPLES each, profile
# `fuzz`), then atheris on each target for FUZZ_RUNS inputs when atheris installs. `make
# test` runs the same suite bounded (profile `fuzz-ci`). Known bugs are counted, not
# raised; a new signature fails the run. About 30 minutes with the defaults.
FUZZ_EXAMPLES ?= 5000
FUZZ_RUNS     ?= 200000
FUZZ_TARGETS  := parse_vnd extract load_json load_toml parse_edit
fuzz: $(STAMP)
	FUZZ_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q tests/fuzz
	@if ! $(BIN)/python -c "import atheris" 2>/dev/null; then \
		$(BIN)/python -m pip install --quiet atheris 2>/dev/null || true; fi
	@if $(BIN)/python -c "import atheris" 2>/dev/null; then \
		mkdir -p .hypothesis/atheris; \
		for target in $(FUZZ_TARGETS); do \
			echo "== atheris $$target ($(FUZZ_RUNS) runs)"; \
			$(BIN)/python tests/fuzz/atheris_targets.py $$target \
				-atheris_runs=$(FUZZ_RUNS) -artifact_prefix=.hypothesis/atheris/ || exit 1; \
		done; \
	else echo "atheris does not install here: skipped (the Hypothesis run above still counts)"; fi

# Strip the stored outputs of examples/*.ipynb (run it before committing a notebook).
notebook: $(STAMP)
	$(BIN)/python examples/strip_outputs.py

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --editable '.[bench,dask,fast]'
	@for f in benchmarks/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
