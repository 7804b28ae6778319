# Qinglian — the two commands: `make demo` and `make test`. Needs only Python 3.11, Node/npm and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY_STAMP  := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
export QINGLIAN_DATA_DIR ?= $(CURDIR)/var

.PHONY: setup demo serve test test-pg test-browser test-fast lint bench bench-db bench-proofread bench-integrity bench-frugality drill-outage clean

# Python packages (pinned in pyproject.toml) into .venv; redone only when pyproject.toml changes.
$(PY_STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "需要 Python 3.11（当前 %s）" % sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Front-end packages from the npm registry (package-lock.json); served by the app, never from a CDN.
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(PY_STAMP) $(NPM_STAMP)

# Build the demo organ once (SQLite under var/), check its ledgers unless checked within the last few minutes (the
# workbench opens on current findings), then serve it on http://127.0.0.1:8000; pages keep the findings current.
# The demo is a development installation throughout (QINGLIAN_DEBUG=1): the data and audit keys are derived from the
# data directory's secret key there, which production refuses (docs/operations.md).
demo: setup
	QINGLIAN_DEBUG=1 $(BIN)/qinglian migrate --noinput -v 0
	QINGLIAN_DEBUG=1 $(BIN)/qinglian demo --if-empty
	QINGLIAN_DEBUG=1 $(BIN)/qinglian runchecks --if-stale
	QINGLIAN_DEBUG=1 $(BIN)/qinglian runserver 127.0.0.1:8000

serve: setup
	QINGLIAN_DEBUG=1 $(BIN)/qinglian runserver 127.0.0.1:8000

# Tests spread over the cores by pytest-xdist; the demo modules' tests stay together on one worker, where the
# demo organ is built once for all its readers (conftest.py). At most 4 workers: `auto` counts the CPUs a
# container may see but not own, each worker pays its own migrations and collection (~30 s), and the demo
# group (~50 s on one worker) bounds the run anyway. `make test XDIST=` runs in one process.
XDIST := -n auto --maxprocesses 4 --dist loadgroup

# The whole suite on SQLite (browser tests included when Debian's chromium is installed; CI always has it).
test: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-logo
	$(BIN)/python -m pytest -q -p no:cacheprovider $(XDIST)

# The same suite on PostgreSQL; CI sets DATABASE_URL (see .ci/run).
test-pg: setup
	@test -n "$(DATABASE_URL)" || (echo "请设置 DATABASE_URL，例如 postgres://postgres@127.0.0.1:5432/qinglian" && exit 2)
	$(BIN)/python -m pytest -q -p no:cacheprovider $(XDIST)

test-browser: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider -m browser $(XDIST)

# The inner loop: no browser tests, stop at the first failure, no ruff or import contracts (`make lint`).
test-fast: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider -x -m "not browser" $(XDIST)

# Benchmarks on a scratch database (var/bench.sqlite3); copy the figures into docs/benchmarks.md.
# Not DEBUG (it would keep every query): the scratch database gets its own data key, kept beside it.
BENCH_ENV = DATABASE_URL=sqlite:///$(QINGLIAN_DATA_DIR)/bench.sqlite3 QINGLIAN_DATA_KEY=$$(cat $(QINGLIAN_DATA_DIR)/bench.key)
bench-db: setup
	@mkdir -p $(QINGLIAN_DATA_DIR)
	@test -s $(QINGLIAN_DATA_DIR)/bench.key || $(BIN)/python -c "import secrets; print(secrets.token_hex(32))" > $(QINGLIAN_DATA_DIR)/bench.key
	$(BENCH_ENV) $(BIN)/qinglian migrate --noinput -v 0
	$(BENCH_ENV) $(BIN)/qinglian demo --if-empty | grep -E "^  |完成|已存在"

# The rules over one organ-year, then the opinion summary of issue #16.
bench: bench-db
	$(BENCH_ENV) $(BIN)/qinglian benchrules
	$(BENCH_ENV) $(BIN)/python -m qinglian.integrity.bench
	$(BENCH_ENV) $(BIN)/python -m qinglian.frugality.bench

# The database-outage drill (issue #13): 4 gunicorn workers on the PostgreSQL of 127.0.0.1:5432 (scratch database
# qinglian_drill), logged-in clients, the database cut for 20 s through a relay; fails on any 500, a 503 without
# Retry-After or no recovery. Figures in docs/security.md.
drill-outage: setup
	$(BIN)/python tools/outage_drill.py --outage 20

bench-proofread: setup
	$(BIN)/python -m qinglian.proofread.bench

# The opinion summary (廉政情况摘要) drafted for every person of the demo organ, on the same scratch database as
# `make bench`: median, 90th percentile and maximum per person (issue #16: under 1 s each).
bench-integrity: bench-db
	$(BENCH_ENV) $(BIN)/python -m qinglian.integrity.bench

# A year of 5,000 vouchers of a bench organ checked by the 八项规定 rules (issue #17: under 2 s), on the same scratch
# database as `make bench`.
bench-frugality: bench-db
	$(BENCH_ENV) $(BIN)/python -m qinglian.frugality.bench

# ruff, and the layers contract (pyproject.toml [tool.importlinter]): domain apps → spine → org → core.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check qinglian config
	$(BIN)/lint-imports --no-logo

clean:
	rm -rf $(VENV) node_modules var/test-artifacts
