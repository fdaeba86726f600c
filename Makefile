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
	@trap 'kill 0' INT TERM EXIT; \
	$(BIN)/celery -A hospital_some worker --beat --concurrency=1 --loglevel=INFO \
		--schedule=var/celerybeat-schedule & \
	$(DJANGO) runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP) lint
	$(BIN)/pytest $(PYTEST_ARGS)

messages: $(STAMP)
	$(DJANGO) makemessages --all --no-obsolete --ignore=.venv --ignore=tests
	$(DJANGO) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
