# One place for every project command; the README and .ci/run call these targets.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Personal mode lists every campaign with no sign-in, so it listens on this computer only; shared mode (a workshop
# or a server, where each campaign opens only by its private link) listens on every interface so groups can join.
# ADDRESS=... (or ADDRESS=0.0.0.0 make run) always wins.
ADDRESS ?= $(if $(filter shared,$(shell printf %s "$(ADVOCACY_MODE)" | tr A-Z a-z)),0.0.0.0,127.0.0.1)

.PHONY: setup setup-dev run test lint format bench clean messages
.PHONY: typecheck

$(BIN)/python:
	$(shell command -v $(PYTHON) || echo python3) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-s3.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

setup: $(VENV)/.runtime  ## install the app into .venv

setup-dev: $(VENV)/.dev  ## install the app and the test tools into .venv

run: setup  ## install and start the app on http://localhost:$(PORT) (personal mode: this computer only)
	$(BIN)/streamlit run streamlit_app.py --server.address $(ADDRESS) --server.port $(PORT)

lint: setup-dev  ## ruff: style, bugs and import boundaries
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: setup-dev  ## mypy over campaign/ and exports/ (settings in pyproject.toml [tool.mypy])
	$(BIN)/mypy

test: typecheck
test: setup-dev lint  ## install everything, lint, and run every test
	$(BIN)/python -m pytest

bench: setup-dev  ## print the benchmark figures
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

LANGUAGES ?= fr es pt
# The same keywords as tests/test_catalogs.py (no gettext defaults such as `_`), so both find the same words.
messages: setup-dev  ## extract interface words into locales/<domain>.pot and create or update each language's .po
	for domain in campaign exports ui; do \
	  sources=$$domain; [ $$domain = ui ] && sources="ui streamlit_app.py"; \
	  $(BIN)/pybabel -q extract -F babel.cfg --no-default-keywords -k t -k N_ --no-location --sort-output \
	    --project="Advocacy Campaign Builder" --add-comments=Translators: -o locales/$$domain.pot $$sources || exit 1; \
	  for language in $(LANGUAGES); do \
	    $(BIN)/pybabel -q update -D $$domain -i locales/$$domain.pot -d locales -l $$language \
	      --init-missing --no-fuzzy-matching --ignore-pot-creation-date || exit 1; \
	  done; \
	done
