# hospital-some: `make run` for the app with demo data, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock | cksum | cut -d' ' -f1)
DJANGO := $(BIN)/python manage.py

.PHONY: install run test lint migrate demo messages bench clean

install: $(STAMP)

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

migrate: $(STAMP)
	$(DJANGO) migrate --noinput

demo: migrate
	$(DJANGO) seed_demo

# The web server on 127.0.0.1:8000 and a Celery worker with beat on the file-system broker; Ctrl-C stops both.
run: demo
	@echo "Open http://127.0.0.1:8000/ — Ctrl-C stops the web server and the worker."
	@$(BIN)/celery -A hospital_some worker --beat --concurrency=1 --loglevel=INFO & worker=$$!; \
	trap 'trap - EXIT INT TERM; kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(DJANGO) runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The whole suite, browser journeys included, in one pytest-xdist worker per core (TEST_WORKERS=1 for one process).
TEST_WORKERS ?= auto
test: $(STAMP) lint
	$(BIN)/pytest -n $(TEST_WORKERS) --durations=20 $(PYTEST_ARGS)

# Seed the benchmark hospital in its own PostgreSQL database (created when missing), load each main page with
# wrk under gunicorn on 127.0.0.1 and write BENCHMARKS.md; BENCH_DATABASE_URL picks another database.
bench: $(STAMP)
	DJANGO_SETTINGS_MODULE=hospital_some.settings.bench \
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://hospital_some:hospital_some@127.0.0.1:5432/hospital_some_bench} \
	$(DJANGO) run_bench

messages: $(STAMP)
	$(DJANGO) makemessages --all --no-obsolete --ignore=.venv --ignore=tests
	$(DJANGO) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
