# Gần Dân — the two commands a newcomer needs are `make run` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
PORT   ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run dev test test-fast lint typecheck fmt bench lock messages clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-10s %s\n", $$1, $$2}'

# pip reads the public registry only, as `make lock` did: the hashes are checked against the files the lock was made
# from, and a machine's own index or wheel folders (pip.conf) neither change what is installed nor warn on every package.
REGISTRY_ONLY := env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL PIP_CONFIG_FILE=/dev/null

$(STAMP): requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(REGISTRY_ONLY) $(PIP) install --quiet --upgrade "pip>=24"
	$(REGISTRY_ONLY) $(PIP) install --quiet --require-hashes -r requirements.lock
	$(REGISTRY_ONLY) $(PIP) install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP) ## create .venv from the lock file

run: $(STAMP) ## the demo on this machine: load the demo data into var/, serve it as production would (DEBUG off)
	$(VENV)/bin/gandan demo
	GANDAN_HTTPS=0 PORT=$(PORT) $(VENV)/bin/gandan run

dev: $(STAMP) ## as `make run`, in debug mode (Django's error pages, static files read from the sources)
	DEBUG=1 $(VENV)/bin/gandan demo
	DEBUG=1 PORT=$(PORT) $(VENV)/bin/gandan run

test: $(STAMP) ## the whole suite with the coverage floor ([tool.gandan.coverage] in pyproject.toml: it only rises; browser tests skip, saying why, if chromium is missing)
	@mkdir -p var && rm -f var/coverage.json
	$(PY) -m slipcover --json --out var/coverage.json -m pytest -n auto --maxprocesses=4 --dist loadgroup; \
	  tests=$$?; $(PY) -m gandan.tests.coverage_total var/coverage.json; floor=$$?; \
	  if [ $$tests -ne 0 ]; then exit $$tests; fi; exit $$floor

lint: $(STAMP) ## ruff (lint and format check), migrations check, Django checks
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

typecheck: $(STAMP) ## mypy with django-stubs: strict for core/ and every services module, lenient elsewhere
	$(VENV)/bin/mypy

fmt: $(STAMP) ## format the code
	$(VENV)/bin/ruff format .

bench: $(STAMP) ## benchmarks: prints the table, writes bench/results.json (BENCH_SCALE=0.01 for a quick run)
	$(VENV)/bin/gandan bench

# The lock is resolved from the public registry alone and names no index or folder, so `make install` on a fresh
# machine reads nothing that exists only on the machine that made it.
lock: ## re-resolve requirements.lock from pyproject.toml (needs the registry)
	$(REGISTRY_ONLY) $(PIP) install --quiet "pip-tools==7.7.0"
	$(REGISTRY_ONLY) $(VENV)/bin/pip-compile --quiet --extra dev --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links --no-emit-trusted-host -o requirements.lock pyproject.toml

messages: $(STAMP) ## extract translatable strings and compile the catalogues
	cd gandan && ../$(PY) ../manage.py makemessages -l vi -l en --no-obsolete --no-location
	cd gandan && ../$(PY) ../manage.py compilemessages

clean: ## remove the venv and the local database
	rm -rf $(VENV) var
