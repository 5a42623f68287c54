# Two commands do all the set-up on a fresh Debian machine with Python 3.11:
#   make run    — install into .venv and serve the dashboard on the shipped data
#                 (make run PORT=8060 HOST=0.0.0.0 to choose where)
#   make test   — install into .venv (and Chromium for the browser tests, redis-server for the
#                 shared-cache tests), lint, type-check, test
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint check browser redis bench validate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

PORT ?= 8050
HOST ?= 127.0.0.1

run: $(STAMP)
	$(BIN)/sovai serve --host $(HOST) --port $(PORT)

validate: $(STAMP)
	$(BIN)/sovai validate

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
	    chromium chromium-driver fonts-liberation >/dev/null; }

# The shared-cache tests start their own redis-server on a free port (no system service needed).
redis:
	@command -v redis-server >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
	    redis-server >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(STAMP) browser redis lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
