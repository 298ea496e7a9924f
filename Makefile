# Waypoint. The two commands: `make run` (build and serve) and `make test` (every tier).
# Every target installs what it is missing first (scripts/install.sh, idempotent).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER := /usr/bin/chromedriver
PORT ?= 8080

.PHONY: run build serve test test-core test-layers test-lint test-web test-e2e bench floor bloat tools tools-build clean

run: build ## Build the release bundle and serve it at http://127.0.0.1:8080/
	node scripts/serve.mjs dist $(PORT)

tools-build:
	scripts/install.sh build

tools:
	scripts/install.sh test

build: tools-build ## Release bundle in dist/ (same files work at / and under a sub-path)
	cargo fetch --quiet
	# erase_components: Leptos type-erases component views (AnyView), which cuts monomorphized
	# view code: -3% brotli .wasm here (scripts/bench.mjs), same behaviour (e2e tier).
	RUSTFLAGS="$${RUSTFLAGS:-} --cfg erase_components" trunk build --release --offline
	node scripts/postbuild.mjs dist
	@echo "dist/ is ready: $$(du -sh dist | cut -f1)"

serve: ## Serve an existing dist/ without rebuilding
	node scripts/serve.mjs dist $(PORT)

test: tools test-layers test-lint test-core test-web build test-e2e ## Every tier; fails if any fails
	@echo "All test tiers passed."

test-layers: ## The pure core must not depend on or name a browser crate
	scripts/check-layers.sh

test-lint: ## Clippy on the core (native) and the app (wasm32), every warning an error
	cargo clippy -p waypoint-core --all-targets --quiet -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p waypoint --all-targets --quiet -- -D warnings

test-core: ## Native tests of the pure core (most tests live here)
	cargo test -p waypoint-core

test-web: ## wasm-bindgen-test in headless Chromium: the browser adapters
	cargo test --target wasm32-unknown-unknown -p waypoint --test web

test-e2e: ## Playwright journeys against dist/ served on 127.0.0.1
	node --test --test-concurrency=1 tests/e2e/

bench: tools build floor ## Sizes, start-up times and engine/storage figures; writes target/bench.json
	node scripts/bench.mjs
	node scripts/bench-storage.mjs
	node scripts/bench-practice.mjs

floor: tools-build ## The smallest app on Waypoint's stack (bench/floor), for make bench's floor rows
	cargo fetch --quiet
	RUSTFLAGS="$${RUSTFLAGS:-} --cfg erase_components" trunk build --release --offline --dist target/floor-dist bench/floor/index.html

bloat: ## What each crate adds to the .wasm (twiggy, names-kept build in target/bloat-dist/)
	scripts/install.sh bloat
	cargo fetch --quiet
	node scripts/bloat.mjs

clean:
	rm -rf dist target node_modules
