# Two commands on a fresh Debian machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-dev run setup test test-db bench bench-load lint format messages chromium libreoffice openapi clean

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Runtime dependencies only, from the locked file.
install: $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements/base.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .

install-dev: $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements/dev.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .

# Database, reference geography and demo organisation (idempotent).
setup: install
	$(MANAGE) migrate --noinput
	$(BIN)/teletravail geo load
	$(BIN)/teletravail demo create

# The web server and one job worker (the planner's solves…); Ctrl-C stops both.
run: setup
	@echo "Plateforme servie sur http://$(HOST):$(PORT)/ (calculs en arrière-plan compris)"
	$(MANAGE) serve $(HOST):$(PORT)

# Debian's Chromium for the browser tests (Playwright never downloads a browser here).
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

# Debian's LibreOffice Writer (no GUI): the tests open the generated DOCX documents with it.
libreoffice:
	@command -v soffice >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null)

# The server tests need PostgreSQL (gunicorn reads the test database): test-db runs them.
test: install-dev chromium libreoffice
	$(BIN)/python -m pytest -n 2 --dist loadgroup -m "not server"

# The database tests alone (no browser), the server tests included: run against PostgreSQL by .ci/run with
# DATABASE_URL set.
test-db: install-dev libreoffice
	$(BIN)/python -m pytest -n 2 --dist loadgroup -m "not e2e"

# The engine and page measures, then the load and fault checks against the production set-up (bench-load alone:
# benchmarks/load/run, on a throw-away PostgreSQL cluster on port 5442, about 5 minutes).
bench: install-dev
	$(BIN)/python -m benchmarks
	benchmarks/load/run

bench-load: install-dev
	benchmarks/load/run

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check
	$(BIN)/python -m tests.template_lint

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the English catalogue after marking new strings (needs Debian's gettext).
messages: install-dev
	cd teletravail && ../$(BIN)/python ../manage.py makemessages --locale en --ignore "static/vendor/*"
	cd teletravail && ../$(BIN)/python ../manage.py compilemessages --locale en

openapi: install-dev
	$(MANAGE) export_openapi_schema --api teletravail.api.api --indent 2 --output docs/openapi.json

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
