# One entry point for a newcomer: `make run` (set up, build, start the app) and
# `make test` (set up, build, run every test). Both are cheap the second time:
# the venv is reinstalled only when pyproject.toml changes, the graph rebuilt only
# when the corpus, ontology or builder changed.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
APT_STAMP := $(VENV)/.apt
PORT ?= 8501
BUILD_INPUTS := $(wildcard corpus/*) $(wildcard ontology/*.ttl ontology/*/*.rq) \
                $(wildcard kg_builder/*.py kg_builder/parse/*.py) $(wildcard linked_data/*.py)
# The YASGUI query editor that `standards-kg serve` shows at /, from npm (pinned in
# linked_data/package-lock.json) into the git-ignored linked_data/node_modules.
YASGUI := linked_data/node_modules/@zazuko/yasgui/build/yasgui.min.js
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build setup system-deps bench clean

run: setup build/manifest.json
	STREAMLIT_BROWSER_GATHER_USAGE_STATS=false $(VENV)/bin/streamlit run app.py \
	  --server.headless true --server.address 127.0.0.1 --server.port $(PORT)

test: setup build/manifest.json
	$(VENV)/bin/pytest -q

build: setup
	$(VENV)/bin/standards-kg build

build/manifest.json: $(BUILD_INPUTS) $(INSTALLED)
	$(VENV)/bin/standards-kg build

setup: system-deps $(INSTALLED) $(YASGUI)

# Chromium (browser tests), Java (HermiT reasoner), Virtuoso (the SPARQL store the
# graph can be pushed to), npm (to install YASGUI), and Pango with DejaVu fonts (WeasyPrint's
# PDF handouts) come from Debian.
system-deps:
	@pkgs=""; \
	command -v chromium >/dev/null || pkgs="$$pkgs chromium"; \
	command -v java >/dev/null || pkgs="$$pkgs default-jre-headless"; \
	command -v virtuoso-t >/dev/null || pkgs="$$pkgs virtuoso-opensource"; \
	command -v npm >/dev/null || pkgs="$$pkgs npm"; \
	ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || pkgs="$$pkgs libpango-1.0-0 libpangoft2-1.0-0"; \
	test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || pkgs="$$pkgs fonts-dejavu-core"; \
	if [ -n "$$pkgs" ]; then \
	  echo "Installing with apt-get:$$pkgs"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$pkgs; \
	fi

# torch first, pinned: an unpinned torch pulls a multi-GB CUDA build.
$(INSTALLED): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check torch==2.13.0
	$(VENV)/bin/pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

$(YASGUI): linked_data/package.json linked_data/package-lock.json
	cd linked_data && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

bench: setup build/manifest.json
	$(PY) benchmarks/sparql_engines.py
	$(PY) benchmarks/retrieval.py --skip-scratch-build   # the build from scratch: benchmarks/build.py, old beside new
	$(PY) benchmarks/build.py
	$(PY) benchmarks/endpoint_load.py
	$(PY) benchmarks/app_latency.py
	$(PY) benchmarks/linked_data.py
	$(PY) benchmarks/workshop.py
	$(PY) benchmarks/compare.py

clean:
	rm -rf build
