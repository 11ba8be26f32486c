# Two commands matter: `make run` (demo on SQLite) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages: WeasyPrint (Pango, HarfBuzz subsetting for speed), gettext for the
# catalogues, poppler for looking at PDFs; Chromium only for the browser tests.
RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext fonts-dejavu-core
TEST_DEBS := $(RUN_DEBS) poppler-utils chromium chromium-driver

.PHONY: help run test setup setup-dev system-deps system-deps-test messages migrate demo lint hooks mypy-baseline ci bench bench-load clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

run: setup migrate demo ## Set up, migrate, seed the demo and serve http://127.0.0.1:8000
	@echo ""
	@echo "  Serving http://$(HOST):$(PORT)/  — demo logins (password demo12345): admin, hr, leader, pegawai"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

# One pytest-xdist worker per CPU; worksteal evens out the long browser and fuzz tests.
# `make test XDIST=` runs in one process (tests/README.md: writing xdist-safe tests).
XDIST ?= -n auto --dist worksteal

test: setup-dev system-deps-test messages ## Set up and run the whole test suite, in parallel
	$(VENV)/bin/pytest $(XDIST) $(PYTEST_ARGS)

setup: $(VENV)/.runtime system-deps messages ## Create .venv with the runtime requirements

setup-dev: $(VENV)/.dev system-deps ## Create .venv with the runtime and development requirements

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PIP) install -q -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP) install -q -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

system-deps: ## Install the Debian packages the product needs, when missing (as root)
	@bash scripts/ensure-debs.sh $(RUN_DEBS)

system-deps-test: ## Also the Debian packages the tests need (poppler, Chromium)
	@bash scripts/ensure-debs.sh $(TEST_DEBS)

messages: ## Compile the translation catalogues
	@$(PY) manage.py compilemessages -v0 --ignore=.venv

migrate: ## Apply the migrations to the configured database
	$(PY) manage.py migrate --no-input -v0

demo: ## Seed the demo world (idempotent)
	$(PY) manage.py seed_demo

# Every app's templates plus the project-wide ones; a new app's folder joins by itself.
TEMPLATE_DIRS := templates $(wildcard */templates)

lint: setup-dev ## ruff check and format, mypy at/under its baseline, djLint, migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) scripts/mypy_ratchet.py
	$(VENV)/bin/djlint --lint $(TEMPLATE_DIRS)
	$(PY) manage.py makemigrations --check --dry-run

hooks: $(VENV)/.dev ## Install the git pre-commit hooks (.pre-commit-config.yaml: make lint's checks)
	$(VENV)/bin/pre-commit install

mypy-baseline: $(VENV)/.dev ## Record a lower mypy error count in mypy-baseline.txt
	$(PY) scripts/mypy_ratchet.py --update

$(VENV)/.bench: requirements-bench.txt $(VENV)/.dev
	$(PIP) install -q -r requirements-bench.txt
	@touch $@

bench-load: $(VENV)/.bench system-deps messages ## Load bench: gunicorn + locust on PostgreSQL, 100k employees
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/asn_load} \
		$(PY) bench/load.py $(BENCH_ARGS)

ci: ## What CI runs
	bash .ci/run

clean: ## Remove .venv, the SQLite database, media and collected static files
	rm -rf $(VENV) db.sqlite3 media staticfiles
