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

# requirements*.txt hold the version ranges; then the project itself is installed from pyproject.toml, editable
# (compat mode: the checkout's folder on the import path), so `campaign`, `exports`, `ui`, the console script
# `advocacy-campaign` and the test helpers import from anywhere without sys.path patches.
INSTALL_PROJECT := $(BIN)/pip install --quiet --quiet --no-deps --editable . --config-settings editable_mode=compat

$(VENV)/.runtime: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(INSTALL_PROJECT)
	touch $@

$(VENV)/.dev: requirements.txt requirements-s3.txt requirements-dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(INSTALL_PROJECT)
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

typecheck: setup-dev  ## mypy over campaign/, exports/, ui/ and streamlit_app.py (settings in pyproject.toml [tool.mypy])
	$(BIN)/mypy

test: typecheck
# The tests without a browser run on two workers (they share nothing: each makes its own temp folders, stores and
# servers on free ports); the browser tests run one at a time, since a page's waits assume a core to itself.
test: setup-dev lint  ## install everything, lint, and run every test
	$(BIN)/python -m pytest -m "not browser" -n 2 --durations=10
	$(BIN)/python -m pytest -m browser --durations=10

# bench/floors.py, bare_app.py and bare_layout.py are the baselines the others run beside themselves, not benchmarks
BENCHMARKS := export store rerun load dashboard history validate kill fuzz

bench: setup-dev  ## print the benchmark figures (each prints ours / floor / ratio measured in one run)
	for name in $(BENCHMARKS); do $(BIN)/python -m bench.$$name || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

LANGUAGES ?= fr es pt
# The same keywords as tests/test_catalogs.py (no gettext defaults such as `_`), so both find the same words;
# `ngettext` is Translator.ngettext (t.ngettext("{count} group", "{count} groups", count)): a msgid_plural entry.
messages: setup-dev  ## extract interface words into locales/<domain>.pot and create or update each language's .po
	for domain in campaign exports ui; do \
	  sources=$$domain; [ $$domain = ui ] && sources="ui streamlit_app.py"; \
	  $(BIN)/pybabel -q extract -F babel.cfg --no-default-keywords -k t -k N_ -k ngettext:1,2 --no-location --sort-output \
	    --project="Advocacy Campaign Builder" --add-comments=Translators: -o locales/$$domain.pot $$sources || exit 1; \
	  for language in $(LANGUAGES); do \
	    $(BIN)/pybabel -q update -D $$domain -i locales/$$domain.pot -d locales -l $$language \
	      --init-missing --no-fuzzy-matching --ignore-pot-creation-date || exit 1; \
	  done; \
	done
