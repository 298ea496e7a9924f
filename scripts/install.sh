#!/usr/bin/env bash
# Installs what Waypoint's build and tests need, from the package registries only.
# Idempotent: every step is skipped when its tool is already present at the pinned version.
# Usage: scripts/install.sh [build|test|bench|bloat]   (test and bench also install the
# browser-test tools; bloat also installs twiggy)
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14
what=${1:-test}

log() { printf '[install] %s\n' "$*"; }

# rustup target for the browser bundle
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# clippy, for `make test`'s lint tier
if [ "$what" = test ] && ! cargo clippy --version >/dev/null 2>&1; then
  log "rustup component add clippy"
  rustup component add clippy
fi

# wasm-bindgen CLI, same version as the crate pinned in Cargo.toml
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}$"; then
  log "cargo install wasm-bindgen-cli ${WASM_BINDGEN_VERSION}"
  # --locked fails on this registry (see TOOLCHAIN.md trap 3)
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
fi

# trunk, pinned (0.22 needs a newer rustc)
if ! trunk --version 2>/dev/null | grep -q " ${TRUNK_VERSION}$"; then
  log "cargo install trunk ${TRUNK_VERSION}"
  cargo install trunk --version "${TRUNK_VERSION}" --locked
fi

# twiggy, for `make bloat` (what each crate adds to the .wasm) only
TWIGGY_VERSION=0.8.0
if [ "$what" = bloat ] && ! twiggy --version 2>/dev/null | grep -q " ${TWIGGY_VERSION}$"; then
  log "cargo install twiggy ${TWIGGY_VERSION}"
  cargo install twiggy --version "${TWIGGY_VERSION}" --locked
fi

# Debian packages: brotli for size reports; chromium + chromedriver for browser tests
need_apt=()
command -v brotli >/dev/null 2>&1 || need_apt+=(brotli)
if [ "$what" = test ] || [ "$what" = bench ]; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  [ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

# npm packages (binaryen's wasm-opt 132, playwright-core, axe-core), from the lockfile
if [ -f package-lock.json ]; then
  if [ ! -x node_modules/.bin/wasm-opt ] || ! cmp -s package-lock.json node_modules/.package-lock.json.copy 2>/dev/null; then
    log "npm ci"
    npm ci --no-audit --no-fund
    cp package-lock.json node_modules/.package-lock.json.copy
  fi
fi
log "tools ready"
