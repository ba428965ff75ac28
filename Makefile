# Short verbs for everything; `make help` lists them.
# Two Python environments: .venv/rasa (Python 3.10, Rasa 3.6 and the action
# server) and .venv/bot (the machine's Python 3.11+, gateway and tools). Each
# is built from its lock file in requirements/ and rebuilt when it changes.

SHELL := /bin/bash
.DEFAULT_GOAL := help

export RASA_TELEMETRY_ENABLED := false
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

RASA_VENV := .venv/rasa
BOT_VENV := .venv/bot
RASA := $(RASA_VENV)/bin/rasa
RASA_PY := $(RASA_VENV)/bin/python
BOT_PY := $(BOT_VENV)/bin/python
PYBABEL := $(BOT_VENV)/bin/pybabel
HONCHO := $(BOT_VENV)/bin/honcho

# Python 3.10 for Rasa: the first interpreter found that really is 3.10.
PYTHON310 ?= $(shell for c in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 \
	/usr/local/bin/python3.10 /usr/bin/python3.10; do \
	$$c -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 \
	&& { echo $$c; break; }; done)
PYTHON3 ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

MODEL := models/assistant.tar.gz
PY_DIRS := bot common actions rasa_server tools tests
DATA ?= tests/eval/eval.yml
FLOOR ?= 0
SAFETY_FLOOR ?= 0
# Test processes for the gateway suite: most of its time is spent waiting on servers and
# the browser, so three workers keep two cores busy.
TEST_WORKERS ?= 3

.PHONY: bench bench-handoff bench-inbox soak browser screenshots content-check content-review help run setup train validate shell eval test test-rasa test-bot test-stories \
	lint format types i18n-extract i18n-update i18n-compile clean

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

run: setup train ## start Rasa, the action server and the gateway (local web chat)
	@mkdir -p var
	$(HONCHO) start -f Procfile

setup: $(RASA_VENV)/.installed $(BOT_VENV)/.installed i18n-compile ## build both environments

$(RASA_VENV)/.installed: requirements/rasa.in requirements/rasa.lock
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is needed for Rasa 3.6 (not found)"; exit 1; }
	@echo "== Rasa environment (Python 3.10): installing Rasa 3.6.21, about 2 minutes the first time"
	$(PYTHON310) -m venv $(RASA_VENV)
	$(RASA_PY) -m pip install -q -r requirements/rasa.in -c requirements/rasa.lock
	@touch $@

$(BOT_VENV)/.installed: requirements/bot.lock
	@echo "== gateway environment ($(PYTHON3))"
	$(PYTHON3) -m venv $(BOT_VENV)
	$(BOT_PY) -m pip install -q -r requirements/bot.lock
	@touch $@

train: $(RASA_VENV)/.installed ## train the model if its data changed since the last training
	@mkdir -p models
	@fp=$$($(PYTHON3) -m tools.model_fingerprint); \
	if [ -f $(MODEL) ] && [ "$$(cat models/fingerprint 2>/dev/null)" = "$$fp" ]; then \
		echo "== model is up to date (data fingerprint $$fp)"; \
	else \
		echo "== training the model: the data changed (fingerprint $$fp); a few minutes"; \
		$(RASA) train --domain domain --data data --config config.yml --out models \
			--fixed-model-name assistant && echo $$fp > models/fingerprint; \
	fi

validate: $(RASA_VENV)/.installed ## check the training data and domain with Rasa
	$(RASA) data validate --domain domain --data data --config config.yml

shell: $(BOT_VENV)/.installed ## chat in the terminal with the running assistant (`make run` first)
	$(BOT_PY) -m bot shell --wait 180

eval: train ## topic and language accuracy on DATA (default tests/eval/eval.yml)
	$(RASA_PY) -m tools.evaluate $(DATA) --model $(MODEL) --floor $(FLOOR) --safety-floor $(SAFETY_FLOOR)

browser: ## install Debian's chromium for the browser tests (root or sudo)
	@command -v chromium >/dev/null || { echo "== installing Debian's chromium for the browser tests"; \
	$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	chromium >/dev/null || echo "chromium could not be installed: browser tests will be skipped"; }

content-check: $(BOT_VENV)/.installed ## check answers and catalogs (errors fail, warnings listed)
	$(BOT_PY) -m common.content.check

content-review: $(BOT_VENV)/.installed ## write docs/content-review.md (status and review notes per answer)
	$(BOT_PY) -m tools.content_review

test: setup lint browser ## everything CI runs
	$(MAKE) content-check
	$(MAKE) validate
	$(MAKE) train
	$(MAKE) test-rasa
	$(MAKE) test-bot
	$(MAKE) test-stories
	$(MAKE) eval FLOOR=0.85 DATA="--held-out clean --held-out messy"
	$(MAKE) eval FLOOR=0.85 SAFETY_FLOOR=0.95 DATA="--held-out safety"

screenshots: $(BOT_VENV)/.installed i18n-compile ## retake the inbox and editor screenshots in docs/ (browser tests with SCREENSHOTS=docs)
	SCREENSHOTS=docs $(BOT_PY) -m pytest -q tests/bot/web/test_inbox_browser.py \
		tests/e2e/test_editor_pages_browser.py tests/e2e/test_editor_form_browser.py \
		tests/e2e/test_editor_steps_browser.py

test-rasa: ## unit tests of the actions and the NLU components (Rasa's Python)
	$(RASA_PY) -m pytest -q tests/actions tests/rasa_server

test-bot: ## tests of the gateway and shared modules (TEST_WORKERS processes, pytest-xdist)
	$(BOT_PY) -m pytest -q -rs -n $(TEST_WORKERS) --dist loadgroup tests \
		--ignore=tests/actions --ignore=tests/rasa_server

test-stories: ## conversation tests (tests/test_stories.yml)
	$(RASA) test core --model $(MODEL) --stories tests/test_stories.yml \
		--fail-on-prediction-errors --out var/story-results

lint: $(BOT_VENV)/.installed ## ruff and mypy (strict) on every package
	$(BOT_VENV)/bin/ruff check $(PY_DIRS)
	$(BOT_VENV)/bin/ruff format --check $(PY_DIRS)
	$(BOT_VENV)/bin/mypy

format: $(BOT_VENV)/.installed ## apply ruff's formatting and fixes
	$(BOT_VENV)/bin/ruff format $(PY_DIRS)
	$(BOT_VENV)/bin/ruff check --fix $(PY_DIRS)

i18n-extract: $(BOT_VENV)/.installed ## collect interface strings into locales/messages.pot
	$(PYBABEL) extract -F babel.cfg -k _ -o locales/messages.pot --no-location \
		--project migrant-assistant .

i18n-update: i18n-extract ## merge new strings into each language's catalog
	$(PYBABEL) update -i locales/messages.pot -d locales --no-fuzzy-matching

i18n-compile: $(BOT_VENV)/.installed ## compile the catalogs (.po -> .mo)
	@$(PYBABEL) compile -d locales --statistics 2>&1 | sed 's/^/   /'

bench-handoff: setup train ## time from "I want a person" to the inbox (reports, asserts nothing)
	$(BOT_PY) -m tools.bench.handoff_latency --count 30

bench-inbox: setup ## a scripted 2-minute shift in the staff inbox, in Chromium (reports, asserts nothing)
	@mkdir -p var/bench
	$(BOT_PY) -m tools.bench.inbox_shift --count 30 --seconds 120

bench: setup train ## quality, speed, memory and cost figures into docs/benchmarks.md (~45 min)
	@mkdir -p var/bench
	$(RASA_PY) -m tools.bench.training
	$(RASA_PY) -m tools.bench.quality
	$(RASA_PY) -m tools.bench.cross_validation
	$(BOT_PY) -m tools.bench.latency
	$(BOT_PY) -m tools.bench.handoff_latency --count 30
	$(BOT_PY) -m tools.bench.inbox_shift --count 30 --seconds 120
	$(BOT_PY) -m tools.bench.screens
	$(BOT_PY) -m tools.bench.answer_lengths
	$(RASA_PY) -m tools.bench.report

soak: setup train ## fault injection under load on loopback (prints lost=0 duplicated=0)
	$(BOT_PY) -m tools.bench.soak --count 300 --seconds 120

clean: ## remove environments, models and local data
	rm -rf .venv models var
