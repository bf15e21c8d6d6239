# Dyad: `make run` (install, build the store from seeds/, start the dashboard) and `make test`.
PY      ?= python3
VENV    := .venv
VPY     := $(VENV)/bin/python
STORE   ?= data/store
ARTICLES ?= seeds
PORT    ?= 8501

.PHONY: setup run serve test test-fast test-e2e store bench lint floors clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(VPY) || $(PY) -m venv $(VENV)
	$(VPY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(VPY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

store: setup
	$(VPY) -m pipeline ingest $(ARTICLES) --store $(STORE)

run: store
	DYAD_STORE=$(abspath $(STORE)) $(VENV)/bin/streamlit run dashboard/app.py \
		--server.address 127.0.0.1 --server.port $(PORT) --server.headless true

# For a team: sign-in on, DYAD_SERVE_ADDRESS / DYAD_SERVE_PORT / DYAD_PUBLIC_URL / DYAD_ALLOWED_USERS from the
# environment, [auth] from .streamlit/secrets.toml (README: "Serving Dyad to your team").
serve: store
	DYAD_STORE=$(abspath $(STORE)) $(VPY) -m dashboard.serve

test: setup
	$(VPY) -m pytest -q

test-fast: setup
	$(VPY) -m pytest -q -m "not e2e and not slow"

test-e2e: setup
	$(VPY) -m pytest -q -m e2e

bench: setup
	$(VPY) bench/extract_speed.py
	$(VPY) bench/plover_eval.py
	$(VPY) -m bench.dashboard_speed --no-browser

lint: setup
	$(VENV)/bin/ruff check pipeline dashboard tests bench

floors: setup  # raise the accuracy floors in tests/eval/floors.json to what the code measures (never lowers them)
	$(VPY) -m tests.eval.raise_floors

clean:
	rm -rf $(VENV) data .pytest_cache
