# Two commands set up a fresh machine and do the work: `make serve` and `make test`.
# Every target below installs what it needs first (a virtualenv in .venv from the pinned requirements).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000

# Material prints a boxed notice about MkDocs 2 on every build; it is not a problem with this site.
export NO_MKDOCS_2_WARNING := 1

# Reproducible builds: the dates a build writes (sitemap lastmod, the gzip header of sitemap.xml.gz) come
# from the last commit, not the clock, so two builds of one commit are byte-identical. MkDocs reads it.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: serve build check test test-fast lint hooks bench audit browser clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

## serve: preview the site at http://127.0.0.1:$(PORT)/ with live reload
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

## build: build the site strictly (any warning fails) into site/
build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

## check: validate content/*.yaml; errors as file:line:column
check: $(STAMP)
	$(BIN)/python -m macros check

## test: ruff check and format, mypy, then every test (unit, build and browser lanes; installs Debian's Chromium when missing)
test: $(STAMP) browser
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy
	$(BIN)/python -m pytest

## test-fast: the unit lane only (no site build, no browser): for the edit-test loop, under a minute
# In one process (-n 0): ~600 short tests cost less than starting two workers and feeding them.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m unit -n 0

## lint: ruff check, ruff format --check and mypy (settings in pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy

## hooks: every pre-commit hook on every file (content, YAML style, workflows, ruff, mypy), as CI runs them
hooks: $(STAMP)
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

## bench: print load, validate and build timings on synthetic content
bench: $(STAMP)
	$(BIN)/python -m bench

## audit: Lighthouse (mobile) on every page served with gzip, median of RUNS (default 3), against stock Material
audit: $(STAMP) browser
	$(BIN)/python -m audit --runs $(or $(RUNS),3)

## browser: Debian's Chromium for the browser tests
browser:
	@command -v chromium >/dev/null 2>&1 || scripts/install-chromium

clean:
	rm -rf site .pytest_cache .hypothesis .mypy_cache .ruff_cache
