# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PYTHON_BIN ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# Loopback by default (a laptop demo): with no address set, Streamlit also looks up the
# machine's external IP over the internet, which this app must never need.
ADDRESS ?= 127.0.0.1

.PHONY: run test lint bench bench-feel geometry system-deps clean-data

$(VENV)/bin/activate:
	@command -v $(PYTHON_BIN) >/dev/null || { echo "needs $(PYTHON_BIN)"; exit 1; }
	$(PYTHON_BIN) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/activate
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/activate
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(PY) -m data_access.cli init-db --demo
	@$(PY) -m data_access.cli demo-logins
	@echo "Tripartite Dashboard: open http://$(ADDRESS):$(PORT)"
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS) --server.headless true

system-deps:
	bash scripts/install_system_deps.sh

test: system-deps $(VENV)/.dev
	$(PY) -m ruff check .
	TEST_DATABASE_URL="$$(bash scripts/ensure_postgres.sh)" $(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(PY) -m ruff check .

geometry: $(VENV)/.dev
	$(PY) scripts/build_geometry.py

# Large scale on SQLite and PostgreSQL (datasets built on first use, then reused), plus
# the concurrent-browser round; e.g. BENCH_ARGS="--scale demo --backend sqlite".
bench: system-deps $(VENV)/.dev
	TEST_DATABASE_URL="$$(bash scripts/ensure_postgres.sh)" $(PY) -m bench.run_all $(BENCH_ARGS)

# What one person waits for at each click, in chromium: this tree against a git revision,
# interleaved, both scales on both backends (<= 15 min); e.g. FEEL_ARGS="--quick" (<= 4 min)
# or FEEL_ARGS="--baseline main~3 --scale large --backend postgresql".
bench-feel: system-deps $(VENV)/.dev
	TEST_DATABASE_URL="$$(bash scripts/ensure_postgres.sh)" $(PY) -m bench.browser_feel $(FEEL_ARGS)

clean-data:
	rm -rf data/
