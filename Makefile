# beredskab: `make run` sets up and serves, `make test` sets up and runs every test.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON_FOR_VENV := $(shell scripts/find-python)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
VENDOR := beredskab/static/vendor

.PHONY: help setup run serve test lint format bench clean

# The settings are closed unless told otherwise (DEBUG off, a database URL, secret key and base URL
# required): development and the test run say DEBUG on explicitly. Production does not run
# through make (README, Deployment); bench/ gives its servers a production environment of its own.
run test: export DJANGO_DEBUG = 1

help:
	@echo "make run    install everything, migrate, load Allerød's plan and demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   install everything, then run lint and every test (SQLite, or DATABASE_URL)"
	@echo "make lint   ruff check and format check, mypy"

$(PY):
	@test -n "$(PYTHON_FOR_VENV)" || { echo "No Python >= 3.12 found (see above)."; exit 1; }
	$(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Puppeteer (under pa11y) never downloads a browser: the accessibility tests drive Debian's Chromium.
node_modules/.installed: package.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error
	touch $@

$(VENDOR)/.installed: node_modules/.installed
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)/dkfds $(VENDOR)/htmx
	cp -r node_modules/dkfds/dist/css node_modules/dkfds/dist/js node_modules/dkfds/dist/fonts node_modules/dkfds/dist/img $(VENDOR)/dkfds/
	cp node_modules/dkfds/dist/LICENSE.md $(VENDOR)/dkfds/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	mkdir -p $(VENDOR)/fonts/noto-sans-arabic
	cp node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-{400,600,700}-normal.woff2 \
	  node_modules/@fontsource/noto-sans-arabic/LICENSE $(VENDOR)/fonts/noto-sans-arabic/
	touch $@

LOCALE_MO := beredskab/locale/en/LC_MESSAGES/django.mo

$(LOCALE_MO): export DJANGO_DEBUG = 1

$(LOCALE_MO): beredskab/locale/en/LC_MESSAGES/django.po | $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install gettext (apt-get install gettext)"; exit 1; }
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

setup: $(VENV)/.installed $(VENDOR)/.installed $(LOCALE_MO)

run: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) load_plan plans/allerod.yaml
	$(MANAGE) load_demo_data
	@echo
	@echo "  beredskab is running on http://$(HOST):$(PORT)/"
	@echo "    public page:        http://$(HOST):$(PORT)/"
	@echo "    professional guide: http://$(HOST):$(PORT)/fagperson/"
	@echo "    the whole plan:     http://$(HOST):$(PORT)/fagperson/plan/"
	@echo "    for young people:   http://$(HOST):$(PORT)/unge/"
	@echo "    staff sign-in:      http://$(HOST):$(PORT)/medarbejder/  (see the demo accounts printed above)"
	@echo "    languages in preview for signed-in staff (not reviewed, so not public yet):"
	@echo "      http://$(HOST):$(PORT)/let-dansk/ /ar/ /fa/ /ur/ /ckb/ /so/ /tr/"
	@echo "  A background worker sends e-mail (to this console) and the deadline sweep runs every minute."
	@echo "  Stop with Ctrl-C."
	@echo
	@trap 'kill 0' EXIT INT TERM; \
	$(MANAGE) db_worker --interval 2 & \
	( while true; do $(MANAGE) sweep_deadlines; $(MANAGE) watch_age_limit; $(MANAGE) remind_press_deadlines; \
	  $(MANAGE) remind_case_reviews; $(MANAGE) remind_referrals; \
	  $(MANAGE) remind_plan_revision; $(MANAGE) seal_audit >/dev/null; sleep 60; done ) & \
	$(MANAGE) runserver $(HOST):$(PORT)

# Tests run on every core (pytest-xdist); those that start servers or databases of their own run one
# after another on one worker (tests/conftest.py). CHECKS=0 skips lint, type checking and the
# migrations check (CI runs them once, not once per database); PYTEST_ARGS passes anything else to
# pytest. mypy runs beside the tests (from a cold cache it takes half a minute, much of it while the
# tests wait on browsers and servers); its report is printed after theirs, and either failing fails.
PYTEST_WORKERS ?= auto
CHECKS ?= 1
PYTEST := $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test: setup
ifeq ($(CHECKS),1)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	typing=$$(mktemp); $(PY) -m mypy >$$typing 2>&1 & mypy=$$!; \
	$(PYTEST); tests=$$?; \
	wait $$mypy; typed=$$?; echo "== mypy (ran beside the tests)"; cat $$typing; rm -f $$typing; \
	[ $$tests -eq 0 ] && [ $$typed -eq 0 ]
else
	$(PYTEST)
endif

bench: setup
	$(PY) bench/run.py

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format: setup
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles .pytest_cache
