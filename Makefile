# Assessflow: `make run` to try it, `make test` to check it. Needs only Python 3.11, pip and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STATIC := src/assessflow/static
PEOPLE ?= 1000

.PHONY: run install migrate demo test lint format assets lock bench-demo bench-import bench-waiting-list bench-allocation check-deploy clean

$(BIN)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	bash scripts/ensure-system-libs
	touch $@

install: $(BIN)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo --people $(PEOPLE)

# Migrate, load the demo council, then serve on 127.0.0.1:8000 with the task worker beside it.
run: demo
	$(PY) manage.py serve

test: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	PYTHONPATH=src $(BIN)/lint-imports
	bash scripts/ensure-chromium
	bash scripts/pytest-nonempty

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-deploy: install
	ASSESSFLOW_ENV=production SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
		ALLOWED_HOSTS=assessflow.example $(PY) manage.py check --deploy --fail-level WARNING

# Rebuild the committed front-end files from the pinned npm packages (needs Node).
assets:
	cd frontend && npm ci --no-audit --no-fund
	cd frontend && node_modules/.bin/sass --load-path=. --style=compressed --no-source-map --quiet-deps --quiet \
		assessflow.scss ../$(STATIC)/assessflow/app.css
	rm -rf $(STATIC)/vendor && mkdir -p $(STATIC)/vendor/govuk/assets/images
	cp frontend/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js* $(STATIC)/vendor/govuk/
	cp frontend/node_modules/govuk-frontend/dist/govuk/assets/images/* $(STATIC)/vendor/govuk/assets/images/
	cp frontend/node_modules/@ministryofjustice/frontend/moj/assets/images/* $(STATIC)/vendor/govuk/assets/images/

# Re-pin every Python dependency, with hashes, from pyproject.toml.
lock: install
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra dev --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

bench-demo: install
	$(PY) benchmarks/demo_load.py --people $(PEOPLE)

ROWS ?= 1000000

# Benchmarks use a fresh SQLite file, or the database DATABASE_URL names; each prints one line.
bench-import: install
	$(PY) benchmarks/import_backlog.py --rows $(ROWS)

bench-waiting-list: install
	$(PY) benchmarks/waiting_list.py --cases $(ROWS)

CASES ?= 100000
ASSESSORS ?= 500

# The optimiser against the greedy way on a seeded instance; needs no database.
bench-allocation: install
	$(PY) benchmarks/allocation.py --cases $(CASES) --assessors $(ASSESSORS)

clean:
	rm -rf $(VENV) var staticfiles
