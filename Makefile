# newsgraph: `make demo` and `make test` are all a new machine needs.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= newsgraph.db
STAMP  := $(VENV)/.installed
EVAL_STAMP := $(VENV)/.installed-eval

.PHONY: install demo test lint typecheck check eval bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[server,dev,postgres,batch]'
	touch $(STAMP)

## install: create .venv and install newsgraph with its pinned dependencies
install: $(STAMP)

# the evaluation extra (textacy, for the side-by-side in `newsgraph eval polnear`): tests only
$(EVAL_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[server,dev,postgres,batch,eval]'
	touch $(EVAL_STAMP)

## demo: ingest examples/ into ./newsgraph.db and show what came out
demo: install
	$(BIN)/newsgraph ingest examples --db $(DB)
	$(BIN)/newsgraph report --db $(DB)
	@echo
	@echo "Explore it in the browser:  $(BIN)/newsgraph serve --db $(DB)   then open http://127.0.0.1:8000/  (API docs: /docs)"

## test: lint, type-check and run every test (evaluation floors included)
test: $(EVAL_STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: install
	$(BIN)/mypy

## eval: print every evaluation against the public dev data in ../shared/data
eval: install
	$(BIN)/newsgraph eval all

## bench: throughput of the full extractor beside the bare spaCy pipeline
bench: install
	$(BIN)/newsgraph bench

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
