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

.PHONY: help run test setup setup-dev system-deps system-deps-test messages migrate demo lint ci bench bench-load clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

run: setup migrate demo ## Set up, migrate, seed the demo and serve http://127.0.0.1:8000
	@echo ""
	@echo "  Serving http://$(HOST):$(PORT)/  — demo logins (password demo12345): admin, hr, leader, pegawai"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup-dev system-deps-test messages ## Set up and run the whole test suite
	$(VENV)/bin/pytest $(PYTEST_ARGS)

setup: $(VENV)/.runtime system-deps messages ## Create .venv with the runtime requirements

setup-dev: $(VENV)/.dev system-deps

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

system-deps-test:
	@bash scripts/ensure-debs.sh $(TEST_DEBS)

messages: ## Compile the translation catalogues
	@$(PY) manage.py compilemessages -v0 --ignore=.venv

migrate:
	$(PY) manage.py migrate --no-input -v0

demo: ## Seed the demo world (idempotent)
	$(PY) manage.py seed_demo

lint: ## ruff and Django's checks
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

$(VENV)/.bench: requirements-bench.txt $(VENV)/.dev
	$(PIP) install -q -r requirements-bench.txt
	@touch $@

bench-load: $(VENV)/.bench system-deps messages ## Load bench: gunicorn + locust on PostgreSQL, 100k employees
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/asn_load} \
		$(PY) bench/load.py $(BENCH_ARGS)

ci: ## What CI runs
	bash .ci/run

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
