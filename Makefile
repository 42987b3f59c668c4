# LatticeForge front door. `make test` and `make demo` run setup themselves,
# so each works alone on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Emscripten 3.1.6 under NodeSource Node 20 finds Debian's acorn only here.
export NODE_PATH := /usr/share/nodejs
JOBS ?= $(shell nproc)

.PHONY: help setup build build-native build-native-debug build-wasm test test-native test-native-debug test-wasm test-js test-http test-dashboard demo bench format

help:
	@echo "make setup   install every dependency (idempotent)"
	@echo "make build   build native (Release) and wasm"
	@echo "make test    build and run every test suite (native, ASan/UBSan, wasm, JS, CLI, HTTP, dashboard)"
	@echo "make demo    serve the dashboard (lf serve, the Nile replaying into the live stream) and print its URL"
	@echo "make bench   run the benchmarks (figures go in bench/RESULTS.md)"

setup:
	@bash scripts/setup

build-native: setup
	cmake --preset native >/dev/null
	cmake --build --preset native -j $(JOBS)

build-native-debug: setup
	cmake --preset native-debug >/dev/null
	cmake --build --preset native-debug -j $(JOBS)

build-wasm: setup
	cmake --preset wasm >/dev/null
	cmake --build --preset wasm -j $(JOBS)

build: build-native build-wasm

test-native: build-native
	ctest --preset native -j $(JOBS)

test-native-debug: build-native-debug
	ctest --preset native-debug -j $(JOBS)

test-wasm: build-wasm
	ctest --preset wasm -j $(JOBS)

test-js: build-native build-wasm
	LF_CLI=$(CURDIR)/build/native/native/lf node --test tests/js/

# The HTTP API (docs/HTTP.md): the native server, the edge function under
# local workerd, the contract both must give byte for byte, and the OpenAPI
# document checked against the core.
test-http: build-native build-wasm
	LF_CLI=$(CURDIR)/build/native/native/lf LF_EDGE_BUILD=$(CURDIR)/build/wasm \
	  LF_JS_PACKAGE=$(CURDIR)/build/wasm/js-package node --test tests/http/

# The dashboard in Debian's Chromium (playwright-core) and the desktop shell
# under Xvfb.
test-dashboard: build-native build-wasm
	LF_CLI=$(CURDIR)/build/native/native/lf LF_WEB_DIR=$(CURDIR)/build/wasm/dashboard \
	  LF_DASHBOARD=$(CURDIR)/build/native/native/lf-dashboard node --test --test-concurrency=1 tests/dashboard/

test: test-native test-native-debug test-wasm test-js test-http test-dashboard

demo: build-native build-wasm
	@bash scripts/demo

bench: build-native build-wasm
	@bash bench/run

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')
