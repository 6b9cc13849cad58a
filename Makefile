# Gần Dân — the two commands a newcomer needs are `make run` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
PORT   ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run dev test test-fast lint fmt bench lock messages clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip>=24"
	$(PIP) install --quiet --require-hashes -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP) ## create .venv from the lock file

run: $(STAMP) ## the demo on this machine: load the demo data into var/, serve it as production would (DEBUG off)
	$(VENV)/bin/gandan demo
	GANDAN_HTTPS=0 PORT=$(PORT) $(VENV)/bin/gandan run

dev: $(STAMP) ## as `make run`, in debug mode (Django's error pages, static files read from the sources)
	DEBUG=1 $(VENV)/bin/gandan demo
	DEBUG=1 PORT=$(PORT) $(VENV)/bin/gandan run

test: $(STAMP) ## the whole suite (browser tests skip, saying why, if chromium is missing)
	$(PY) -m pytest

lint: $(STAMP) ## ruff, migrations check, Django checks, translations complete
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

fmt: $(STAMP) ## format the code
	$(VENV)/bin/ruff format gandan bench

bench: $(STAMP) ## benchmarks: prints the table, writes bench/results.json (BENCH_SCALE=0.01 for a quick run)
	$(VENV)/bin/gandan bench

lock: ## re-resolve requirements.lock from pyproject.toml (needs the registry)
	$(PIP) install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --extra dev --generate-hashes --strip-extras --allow-unsafe -o requirements.lock pyproject.toml

messages: $(STAMP) ## extract translatable strings and compile the catalogues
	cd gandan && ../$(PY) ../manage.py makemessages -l vi -l en --no-obsolete --no-location
	cd gandan && ../$(PY) ../manage.py compilemessages

clean: ## remove the venv and the local database
	rm -rf $(VENV) var
