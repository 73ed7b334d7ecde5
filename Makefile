# The two commands: `make run` sets everything up and serves the site; `make test` runs the whole suite.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .uv/bin/uv
BIN := .venv/bin
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/framsteg
ADDRESS ?= 127.0.0.1:8000
# The newest Python supported; CI runs the suite on it too, in its own environment.
NEWEST_PYTHON ?= 3.13
NEWEST_VENV := .venv-$(NEWEST_PYTHON)

.PHONY: install run test test-postgres test-newest lint format ci tools bench bench-cases bench-reliability bench-situation bench-reports messages

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

install: $(UV)
	$(UV) sync --locked --quiet --python $(PYTHON)
	$(BIN)/python -m framsteg.core.static_packages
	$(BIN)/framsteg compile_translations

run: install
	$(BIN)/framsteg migrate --noinput
	$(BIN)/framsteg load_botkyrka
	$(BIN)/framsteg runserver $(ADDRESS)

test: install
	$(BIN)/pytest

# The whole suite again on PostgreSQL. Skipped with a notice when no server answers, except in CI.
test-postgres: install
	@if $(BIN)/python -m framsteg.dbcheck "$(POSTGRES_URL)"; then \
		DATABASE_URL="$(POSTGRES_URL)" $(BIN)/pytest; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL is required in CI but does not answer at $(POSTGRES_URL)."; exit 1; \
	else \
		echo "PostgreSQL does not answer at $(POSTGRES_URL): skipping the PostgreSQL run."; \
	fi

# The whole suite again on the newest Python (SQLite), in $(NEWEST_VENV)/. Its interpreter is looked for on the
# PATH, then among pyenv's versions; without one the run is skipped with a notice, except in CI.
test-newest: install
	@if python=$$(.ci/find-python $(NEWEST_PYTHON)); then \
		echo "The suite on $$python"; \
		UV_PROJECT_ENVIRONMENT=$(NEWEST_VENV) $(UV) sync --locked --quiet --python "$$python" && \
		$(NEWEST_VENV)/bin/pytest; \
	elif [ -n "$$CI" ]; then \
		echo "Python $(NEWEST_PYTHON) is required in CI but was found neither on the PATH nor under pyenv."; exit 1; \
	else \
		echo "Python $(NEWEST_PYTHON) was found neither on the PATH nor under pyenv: skipping the run on it."; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Debian's Chromium for the accessibility and screenshot tests (never a browser download), GNU gettext
# to check that the translation catalogues hold every string, Pango and the DejaVu fonts for the PDF
# documents (WeasyPrint), and Poppler's pdftoppm to look at them as images.
tools:
	@if ! command -v chromium >/dev/null || ! command -v xgettext >/dev/null || ! command -v pdftoppm >/dev/null \
		|| ! ldconfig -p | grep -q libpangoft2-1.0 || ! fc-list | grep -q DejaVuSans; then \
		apt-get update -qq && apt-get install -y -qq chromium gettext libpango-1.0-0 libpangoft2-1.0-0 \
		fonts-dejavu-core poppler-utils >/dev/null; fi

messages: install
	cd framsteg && ../$(BIN)/framsteg makemessages --locale sv --locale fi --no-obsolete --no-location

ci: install tools lint
	$(UV) lock --check
	$(BIN)/framsteg makemigrations --check --dry-run
	$(MAKE) test
	$(MAKE) test-postgres
	$(MAKE) test-newest

bench: install
	$(BIN)/python bench/pages.py

# 10,000 residents' reports from 40 concurrent clients against gunicorn and PostgreSQL.
bench-cases: install
	$(BIN)/python bench/cases.py

# 1,000 reports from 20 clients while workers are killed and the database is cut off for 10 s (through a TCP
# proxy the script controls; the PostgreSQL server itself is never stopped): no 500, none lost, none doubled.
bench-reliability: install
	$(BIN)/python bench/reliability.py

# The weekly situation picture, its map layer and hot spots on 100,000 and 1,000,000 synthetic incidents in
# PostgreSQL (a database of its own, created and dropped): p50, p95 and maximum server time per size.
bench-situation: install
	$(BIN)/python bench/situation.py

# The whole-plan report to the council for 300 goals and 3,000 commitments with five years of history, as
# HTML (target 2 s), Word and PDF (10 s each), on SQLite in a temporary directory (BENCH_POSTGRES=1: PostgreSQL).
bench-reports: install
	$(BIN)/python bench/reports.py
