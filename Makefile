# Ura — targets a newcomer can guess.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ura

.PHONY: run setup test test-fast test-setup lint format messages bench bench-snapshot bench-snapshot-scale bench-search bench-events cluster cluster-down cluster-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Quick start: a virtualenv, SQLite database, demo content, development server.
run: setup
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo
	DEBUG=1 SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(BIN)/python manage.py runserver $(HOST):$(PORT)

setup: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	DEBUG=1 $(BIN)/python manage.py compile_catalogues

# The whole test suite, on PostgreSQL (started if it is down).
test: test-setup
	# axe-core for the admin accessibility test (tests/e2e/package.json, pinned in its lock file).
	command -v npm >/dev/null && npm ci --prefix tests/e2e --ignore-scripts --no-audit --no-fund --loglevel=error || true
	DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest $(PYTEST_ARGS)

# The edit-test loop: everything but the end-to-end (Chromium) and whole-system tests.
test-fast: test-setup
	DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest -m "not e2e and not system" $(PYTEST_ARGS)

test-setup: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	bash scripts/ensure_postgres.sh
	DEBUG=1 $(BIN)/python manage.py compile_catalogues

lint: $(BIN)/python
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates */templates

format: $(BIN)/python
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates */templates

# Update the catalogues from the code and templates (then translate the new entries).
messages: $(BIN)/python
	DEBUG=1 $(BIN)/python manage.py makemessages -l be -l sq -l en --ignore='.venv/*' --ignore='tests/*' \
		--ignore='staticfiles/*' --ignore='media/*' --ignore='bench/*' --add-location=file --no-obsolete -e html,txt,py,opml
	DEBUG=1 $(BIN)/python manage.py compile_catalogues

# Every public page at 100 / 10,000 / 100,000 news against two floors (bench/README.md);
# BENCH_ARGS="--sizes 100,10000 --rounds 2" for a quicker run. The search benchmark: bench-search.
bench: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	bash scripts/ensure_postgres.sh
	command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-$(TEST_DATABASE_URL)_bench} $(BIN)/python bench/pages_bench.py $(BENCH_ARGS)
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-$(TEST_DATABASE_URL)_bench} $(BIN)/python bench/snapshot_bench.py

# Anonymous pages from the static snapshot through nginx against nginx's static file and a constant
# Django response (bench/README.md, "Snapshot"); also the last step of `make bench`.
bench-snapshot: $(BIN)/python
	bash scripts/ensure_postgres.sh
	command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-$(TEST_DATABASE_URL)_bench} $(BIN)/python bench/snapshot_bench.py $(BENCH_SNAPSHOT_ARGS)

# The snapshot at 10,000 news: a full build's time and memory with two rendering processes, and a
# publish's time to a folder destination (bench/README.md, "Snapshot at scale");
# BENCH_SNAPSHOT_SCALE_ARGS="--size 100000" for the large site.
bench-snapshot-scale: $(BIN)/python
	bash scripts/ensure_postgres.sh
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-$(TEST_DATABASE_URL)_bench} $(BIN)/python bench/snapshot_scale_bench.py $(BENCH_SNAPSHOT_SCALE_ARGS)

bench-search: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	bash scripts/ensure_postgres.sh
	DATABASE_URL=$(TEST_DATABASE_URL)_bench $(BIN)/python bench/search_bench.py

# The event pages and calendar feeds at 100 and 10,000 events (bench/README.md, "Events").
bench-events: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	bash scripts/ensure_postgres.sh
	command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-$(TEST_DATABASE_URL)_bench} $(BIN)/python bench/events_bench.py $(BENCH_ARGS)

# A local cluster: two gunicorn servers behind nginx on PostgreSQL, Redis and an S3 server
# (deploy/cluster.py; docs/deploy.md). cluster-test brings it up, checks it and tears it down.
cluster: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	bash scripts/ensure_postgres.sh
	VENV=$(VENV) $(BIN)/python deploy/cluster.py up

cluster-down: $(BIN)/python
	VENV=$(VENV) $(BIN)/python deploy/cluster.py down

cluster-test: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	bash scripts/ensure_postgres.sh
	VENV=$(VENV) $(BIN)/python deploy/cluster.py test

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
