# Ordinal: build, serve and test.
#
#   make run    install what is missing, build the page, serve it at http://127.0.0.1:8080
#   make test   install what is missing, then every check (see `make help`)
#
# Every tool is pinned, installed from crates.io, npm or Debian only, and
# checked before use, so a second run installs nothing. Tools come from
# $(HOME)/.cargo/bin and the project-local .tools/ (gitignored), never from
# whatever happens to be on PATH first.

SHELL := /bin/bash
# Each recipe line fails on the first error, unset variable or failed pipe.
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# --- Pinned versions ------------------------------------------------------

TRUNK_VERSION := 0.21.14
# The wasm-bindgen CLI must equal the wasm-bindgen crate the page links
# against, so it is read from Cargo.lock rather than written twice.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"$$/\1/p;q;}' Cargo.lock)
# wasm-opt from npm (runs on Node.js): Debian's binaryen 108 cannot read what
# current Rust emits, and trunk's own download needs the open internet.
BINARYEN_VERSION := 132.0.0
BINARYEN_MAJOR := $(firstword $(subst ., ,$(BINARYEN_VERSION)))

# --- Paths ------------------------------------------------------------------

CARGO_BIN := $(HOME)/.cargo/bin
TOOLS_DIR := $(CURDIR)/.tools
WASM_OPT := $(TOOLS_DIR)/node_modules/.bin/wasm-opt
CHROMIUM := /usr/bin/chromium
CHROMEDRIVER := /usr/bin/chromedriver
export PATH := $(TOOLS_DIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
# trunk would otherwise ask crates.io for a newer version on every run.
export TRUNK_SKIP_VERSION_CHECK := true

# The page's transfer budget (gzipped); `make bench` also checks it against
# 2.5x the floor page (benches/floor). The page is over it today (README,
# Performance): `make size` says so; SIZE_ENFORCE=1 makes that a failure.
SIZE_BUDGET_KIB := 300
SIZE_ENFORCE ?=

HOST ?= 127.0.0.1
PORT ?= 8080

# Browser tests are the tests/web*.rs files (wasm32 only); everything else in
# tests/ is native.
WEB_TESTS := $(patsubst tests/%.rs,--test %,$(wildcard tests/web*.rs))
# What the page is built from: dist/ is rebuilt only when one of these changed.
WEB_SOURCES := $(shell find src static -type f) index.html Trunk.toml Cargo.toml Cargo.lock

# apt-get needs root; use sudo only when not root already.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The steps of `make test`, in order: cheap checks first, the browser last.
TEST_STEPS := tools fmt-check clippy clippy-wasm layering test-native test-wasm dist e2e size

.PHONY: help run watch test dist e2e screenshot size bench bench-native bench-wasm bench-page \
        bench-table fuzz fmt fmt-check clippy \
        clippy-wasm layering test-native test-wasm tools tools-web tool-rust tool-trunk \
        tool-wasm-bindgen tool-wasm-opt tool-node tool-python tool-browser disk-space pins fetch clean clean-tools

help:
	@echo "make run          install what is missing, build, serve at http://$(HOST):$(PORT)/"
	@echo "make test         install what is missing, then: $(TEST_STEPS)"
	@echo "make watch        debug build, rebuilt on every change, served at http://$(HOST):$(PORT)/"
	@echo "make dist         release build of the page into dist/ (wasm-opt -Oz)"
	@echo "make e2e          end-to-end tests of dist/ in headless Chromium (tests/e2e/)"
	@echo "make screenshot   PNGs of dist/ at 1366x768 and 390x844 into screenshots/"
	@echo "make size         gzipped size of every file in dist/"
	@echo "make fmt          format the code (make fmt-check only checks)"
	@echo "make bench        engine benchmarks natively and in wasm (Node.js), the Basics script: one table"
	@echo "make fuzz         a million fuzz inputs per target (FUZZ_ROUNDS=...), counts in bench-out/fuzz.log"
	@echo "make clean        remove build outputs; make clean-tools removes .tools/"

# --- The two commands ----------------------------------------------------------

run: dist
	@python3 scripts/serve.py dist --host $(HOST) --port $(PORT)

# For working on the page: a debug build that trunk rebuilds on every change,
# kept apart from dist/. Reload by hand: trunk's autoreload is an inline
# script, which the page's Content-Security-Policy forbids.
watch: tools-web fetch
	trunk serve --dist target/trunk-watch --address $(HOST) --port $(PORT) --no-autoreload

# Each step is also a target of its own (e.g. `make e2e`). steps.sh runs them
# in order, times them and prints one summary line at the end.
test:
	@MAKE="$(MAKE)" scripts/steps.sh "make test" $(TEST_STEPS)

# --- Tools ---------------------------------------------------------------------

# What building the page needs.
tools-web: tool-rust tool-trunk tool-wasm-bindgen tool-wasm-opt tool-python pins
# What `make test` needs on top: the browser and its driver.
tools: tools-web tool-browser disk-space

# A clean `make test` writes about DISK_NEED_GIB into target/ (1.3 GB in a
# fresh clone without incremental caches, as CI builds; more with them). Say
# so up front rather than fail later with "No space left on device".
DISK_NEED_GIB := 2
disk-space:
	@free=$$(df -Pk . | awk 'NR==2 {print int($$4 / 1048576)}'); \
	if [ "$$free" -lt $(DISK_NEED_GIB) ]; then \
	  echo "warning: $$free GiB free here; a clean make test needs about $(DISK_NEED_GIB) GiB (make clean frees target/)" >&2; \
	fi

tool-rust:
	@command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup (https://rustup.rs)" >&2; exit 1; }
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1 \
	  || rustup component add rustfmt clippy

# --locked: without it trunk 0.21.14 picks a lightningcss that does not compile.
tool-trunk:
	@if [ "$$("$(CARGO_BIN)/trunk" --version 2>/dev/null)" != "trunk $(TRUNK_VERSION)" ]; then \
	  echo "installing trunk $(TRUNK_VERSION) (about 10 minutes on 2 cores)"; \
	  cargo install trunk --version $(TRUNK_VERSION) --locked --root "$(HOME)/.cargo"; \
	fi

# No --locked here: one of its locked dependencies is no longer on crates.io.
# It also installs wasm-bindgen-test-runner, the runner for browser tests.
tool-wasm-bindgen:
	@test -n "$(WASM_BINDGEN_VERSION)" || { echo "wasm-bindgen not found in Cargo.lock" >&2; exit 1; }
	@if [ "$$("$(CARGO_BIN)/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] \
	    || [ ! -x "$(CARGO_BIN)/wasm-bindgen-test-runner" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 10 minutes on 2 cores)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force --root "$(HOME)/.cargo"; \
	fi

tool-wasm-opt: tool-node
	@if ! "$(WASM_OPT)" --version 2>/dev/null | grep -q "version $(BINARYEN_MAJOR)\b"; then \
	  echo "installing wasm-opt (npm binaryen@$(BINARYEN_VERSION)) into .tools/"; \
	  mkdir -p "$(TOOLS_DIR)"; \
	  npm install --prefix "$(TOOLS_DIR)" --no-audit --no-fund --save-exact binaryen@$(BINARYEN_VERSION); \
	fi

tool-node:
	@command -v npm >/dev/null || { \
	  echo "installing Node.js and npm (Debian)"; \
	  $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm; }

# Debian's chromium and its matching driver; tools that download their own
# browser cannot work here (no open internet).
tool-browser:
	@missing=""; \
	[ -x "$(CHROMIUM)" ] || missing="$$missing chromium"; \
	[ -x "$(CHROMEDRIVER)" ] || missing="$$missing chromium-driver"; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing (Debian)"; \
	  $(SUDO) apt-get update -q; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

# The local server, the end-to-end tests and the size report are Python 3
# (standard library only).
tool-python:
	@command -v python3 >/dev/null || { \
	  echo "installing python3 (Debian)"; \
	  $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3; }

# Trunk.toml pins the same versions so trunk uses the installed tools instead
# of downloading; fail early and clearly if the two drift apart.
pins:
	@grep -qx 'wasm_bindgen = "$(WASM_BINDGEN_VERSION)"' Trunk.toml \
	  || { echo "Trunk.toml: [tools] wasm_bindgen must be \"$(WASM_BINDGEN_VERSION)\" (Cargo.lock)" >&2; exit 1; }
	@grep -qx 'wasm_opt = "version_$(BINARYEN_MAJOR)"' Trunk.toml \
	  || { echo "Trunk.toml: [tools] wasm_opt must be \"version_$(BINARYEN_MAJOR)\"" >&2; exit 1; }

# Crates come from crates.io here, once; trunk then builds offline.
fetch:
	@cargo fetch --locked --quiet

# --- Build -------------------------------------------------------------------------

dist: dist/index.html
	@echo "dist/ is up to date ($$(ls dist | wc -l) files)"

# A real file target: a warm `make test` skips the release build entirely
# when nothing the page is built from has changed.
dist/index.html: $(WEB_SOURCES) | tools-web fetch
	trunk build --release
	@touch $@

# --- Checks ---------------------------------------------------------------------------

fmt: | tool-rust
	cargo fmt

fmt-check: | tool-rust
	cargo fmt --check

clippy: | tool-rust
	cargo clippy --locked --all-targets -- -D warnings

# The page's code (src/ui, main.rs) only exists for wasm32.
clippy-wasm: | tool-rust
	cargo clippy --locked --target wasm32-unknown-unknown --lib --bins $(WEB_TESTS) -- -D warnings

# engine/, manifest/ and console/ never use browser crates (tests/layering.rs),
# and lessons stay apart from the page (tests/lessons_layering.rs).
layering: | tool-rust
	cargo test --locked --quiet --test native layering

test-native: | tool-rust
	cargo test --locked

# wasm-bindgen-test in headless Chromium; the runner starts chromedriver with
# the flags in tests/webdriver.json.
test-wasm: | tools
	CHROMEDRIVER=$(CHROMEDRIVER) \
	WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/tests/webdriver.json \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test --locked --target wasm32-unknown-unknown $(WEB_TESTS)

e2e: dist/index.html | tool-browser
	cd tests/e2e && python3 -m unittest discover --top-level-directory . --start-directory . --pattern 'test_*.py' --verbose

size: dist/index.html
	@python3 scripts/size-report.py dist --budget-kib $(SIZE_BUDGET_KIB) $(if $(SIZE_ENFORCE),--enforce)

screenshot: dist/index.html | tool-browser
	cd tests/e2e && python3 screenshot.py "$(CURDIR)/screenshots"

# --- Benchmarks -------------------------------------------------------------------

# `make bench` runs the engine benchmarks and the StatefulSet Basics script
# (benches/engine.rs) natively and the very same scenarios compiled to wasm32
# under Node.js, then the page in headless Chromium next to the floor of its
# stack (benches/floor: a minimal Yew 0.23 page with serde_yaml, built here
# in the same run; scripts/page-bench.py), and prints one table with the
# wasm/native ratios and the budgets (scripts/bench-table.py); the figures
# land in bench-out/. BENCH_FILTER=parallel (or ordered, rolling, basics,
# size=N) runs a subset of the engine benchmarks. Long: about 10 minutes of
# benchmarks on 2 cores, plus the optimised builds the first time.
BENCH_OUT := bench-out
BENCH_FILTER ?=
BENCH_STEPS := bench-native bench-wasm bench-page bench-table
# The `bench` profile (optimised, no LTO) for wasm32 too; cargo puts it under release/.
WASM_BENCH := target/wasm32-unknown-unknown/release/examples/engine_wasm.wasm

bench:
	@MAKE="$(MAKE)" scripts/steps.sh "make bench" $(BENCH_STEPS)

bench-native: | tool-rust
	@mkdir -p $(BENCH_OUT)
	cargo bench --locked --bench engine -- $(BENCH_FILTER) | tee $(BENCH_OUT)/native.txt

bench-wasm: | tool-rust tool-wasm-bindgen tool-node
	@mkdir -p $(BENCH_OUT)/wasm
	cargo build --locked --profile bench --target wasm32-unknown-unknown --example engine_wasm
	wasm-bindgen --target nodejs --out-dir $(BENCH_OUT)/wasm $(WASM_BENCH)
	node -e 'process.stdout.write(require("./$(BENCH_OUT)/wasm/engine_wasm.js").run(process.argv[1]))' \
	  -- "$(BENCH_FILTER)" | tee $(BENCH_OUT)/wasm.txt

# The floor page is its own crate (own Cargo.lock); its crates come from
# crates.io once, then trunk builds it offline with the same tools.
bench-page: dist/index.html | tools-web tool-browser
	@mkdir -p $(BENCH_OUT)
	cd benches/floor && cargo fetch --locked --quiet && trunk build --release
	python3 scripts/page-bench.py dist benches/floor/dist --json $(BENCH_OUT)/page.json \
	  | tee $(BENCH_OUT)/page.txt

bench-table: | tool-python
	@python3 scripts/bench-table.py $(BENCH_OUT)

# --- Fuzzing ---------------------------------------------------------------------

# The seeded property tests of `make test`, at FUZZ_ROUNDS inputs per target,
# optimised (the `bench` profile: release without LTO, quicker to build):
# YAML into manifest/, lines into the console, share-link fragments and saved
# scenarios into the page's restore path. A failure prints the input;
# ORDINAL_FUZZ_SEED=N runs another search.
FUZZ_ROUNDS ?= 1000000
FUZZ_TESTS := manifest_robustness:: console_fuzz:: fuzz_scenario:: kustomize_fuzz:: engine_property::
fuzz: | tool-rust
	@mkdir -p bench-out
	ORDINAL_FUZZ_ROUNDS=$(FUZZ_ROUNDS) cargo test --locked --profile bench --test native \
	  -- $(FUZZ_TESTS) --nocapture --test-threads 1 2>&1 | tee bench-out/fuzz.log \
	  | grep -oE '(fuzz [a-z-]+: .*|  [0-9]+ accepted.*|test result.*)'
	@grep -q FAILED bench-out/fuzz.log && exit 1 || true

# --- Cleaning ------------------------------------------------------------------------

clean:
	cargo clean
	rm -rf dist screenshots bench-out

# Removes wasm-opt (.tools/); trunk and wasm-bindgen stay in ~/.cargo/bin
# (`cargo uninstall trunk wasm-bindgen-cli` removes them).
clean-tools:
	rm -rf "$(TOOLS_DIR)"
