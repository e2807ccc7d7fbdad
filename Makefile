# Red de Empresas — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The origin of every link in e-mails, PDFs, feeds and the sitemap: `make run PORT=8100` moves
# them with the server; a BASE_URL in the environment (or on the command line) wins.
BASE_URL ?= http://$(HOST):$(PORT)
PYTEST_ARGS ?= -n 2

.DEFAULT_GOAL := help
.PHONY: gettext help setup run test test-only e2e lint format demo messages bench bench-regional check clean deploy-test

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the requirements into $(VENV)…"
	@set -o pipefail; $(PY) -m pip install --quiet --upgrade pip 2>&1 | { grep -v 'neither a file nor a directory' || true; }
	@set -o pipefail; $(PY) -m pip install --quiet -r requirements-dev.txt 2>&1 | { grep -v 'neither a file nor a directory' || true; }
	@touch $@

gettext:
	@command -v msgfmt >/dev/null || { echo "Installing gettext…"; \
	  (apt-get update -qq && apt-get install -y -qq gettext) >/dev/null || \
	  { echo "gettext is missing: install it (apt-get install gettext)."; exit 1; }; }

setup: $(VENV)/.installed gettext ## Create .venv, install requirements, compile translations, migrate
	@$(MANAGE) compilemessages --ignore=.venv -v 0
	@$(MANAGE) migrate --noinput -v 0

run: setup ## Set everything up, load the demo content once and serve on http://127.0.0.1:8000 (PORT=…, HOST=…)
	@BASE_URL=$(BASE_URL) $(MANAGE) load_demo_data --quiet
	@echo ""
	@echo "  Costa Rica:      http://costa-rica.localhost:$(PORT)/es/  (also http://$(HOST):$(PORT)/; English: …/en/)"
	@echo "                   portal http://costa-rica.localhost:$(PORT)/portal/  admin http://costa-rica.localhost:$(PORT)/admin/"
	@echo "  Ecuador:         http://ecuador.localhost:$(PORT)/es/"
	@echo "                   portal http://ecuador.localhost:$(PORT)/portal/  admin http://ecuador.localhost:$(PORT)/admin/"
	@echo "  Regional site:   http://regional.localhost:$(PORT)/  (admin http://regional.localhost:$(PORT)/admin/)"
	@echo "  (browsers resolve *.localhost to this machine; the logins above work on every host)"
	@echo "  Links in e-mails and PDFs: $(BASE_URL) (Costa Rica), each network's own host otherwise"
	@echo ""
	BASE_URL=$(BASE_URL) $(MANAGE) runserver $(HOST):$(PORT)

demo: setup ## Reload the demo content (idempotent; its site's address is BASE_URL's)
	BASE_URL=$(BASE_URL) $(MANAGE) load_demo_data

test: setup test-only ## Set up, then run the whole suite, checks and linters

test-only:
	$(MANAGE) check
	DJANGO_SETTINGS_MODULE=network_site.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

e2e: setup ## Run only the end-to-end browser tests (needs Debian's chromium)
	$(BIN)/pytest tests/e2e -m e2e $(PYTEST_ARGS)

lint: $(VENV)/.installed ## ruff check and format check, and the import layers (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed ## Format and fix the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(VENV)/.installed gettext ## Update every app's Spanish and English catalogues
	@for app in network_site home members commitments supplychain meetings regional practices cooperation api; do \
	  (cd $$app && ../$(MANAGE) makemessages -l es -l en --ignore='migrations/*' -v 0) || exit 1; done

bench: setup ## Measure speed at national scale; writes bench/results.json
	$(PY) bench/run.py

bench-regional: setup ## Measure speed at regional scale on PostgreSQL (bench_regional); writes bench/results-regional.json
	$(PY) bench/regional.py

deploy-test: setup ## Production stack here: nginx, 2 gunicorn, db_worker, PostgreSQL, Redis (tests/deploy)
	@bash tests/deploy/services.sh
	DEPLOY_TEST=1 $(BIN)/pytest -p no:xdist -s -q tests/deploy

clean: ## Remove the virtualenv, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 static_collected
