#!/usr/bin/env bash
# The layer rule, enforced: the pure core (core/) must not depend on, or even name, a
# browser crate. Checks its manifest, its sources, and its resolved dependency tree.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
pattern='\b(leptos[a-z_]*|web[-_]sys|js[-_]sys|wasm[-_]bindgen[a-z_-]*|gloo[a-z_-]*)\b'
if grep -rnEi "$pattern" core/Cargo.toml core/src core/tests 2>/dev/null; then
  echo "check-layers: the pure core names a browser crate (above)." >&2
  fail=1
fi
tree=$(cargo tree -p waypoint-core -e normal --prefix none --target all 2>/dev/null | awk '{print $1}' | sort -u)
if echo "$tree" | grep -Ei '^(leptos|web-sys|js-sys|wasm-bindgen|gloo)'; then
  echo "check-layers: the pure core depends on a browser crate (above)." >&2
  fail=1
fi
if grep -rnE 'SystemTime::now|Instant::now|thread_rng|getrandom' core/src --include='*.rs' | grep -v '^core/src/bin/'; then
  echo "check-layers: the core reads a clock or a global random source (above)." >&2
  fail=1
fi
if grep -rnE 'local_storage|web_sys::Storage|js_sys::Date' src/ui --include='*.rs'; then
  echo "check-layers: src/ui touches browser storage directly; go through src/platform." >&2
  fail=1
fi
[ $fail -eq 0 ] && echo "check-layers: core is pure ($(echo "$tree" | wc -l) crates in its tree, none a browser crate)."
exit $fail
