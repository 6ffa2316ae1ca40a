#!/usr/bin/env bash
# Installs the build tools the platform needs, skipping each one whose version is present.
# Safe to run again and again; a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# cargo-leptos 0.3.8: newer releases need a newer rustc than this machine has.
if ! cargo leptos --version 2>/dev/null | grep -q '0\.3\.8'; then
  say "installing cargo-leptos 0.3.8 (takes ~20 minutes once)"
  cargo install cargo-leptos --version 0.3.8 --locked
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock to the patch version,
# or the build fails with a schema version mismatch.
want_bindgen=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
have_bindgen=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_bindgen" != "$want_bindgen" ]; then
  say "installing wasm-bindgen-cli $want_bindgen (found: ${have_bindgen:-none})"
  # Not --locked: its lock file names a crate version the registry no longer has.
  cargo install wasm-bindgen-cli --version "$want_bindgen" --force
fi

# wasm-opt 116: Debian's binaryen 108 produces a module that fails in the browser. The npm
# package `binaryen` of the same version ships wasm-opt compiled to WebAssembly, run by Node:
# it installs in seconds where compiling the `wasm-opt` crate's C++ took ~10 minutes, and the
# browser tests hydrate with its output. The crate stays the fallback on a machine without npm.
if ! wasm-opt --version 2>/dev/null | grep -q 'version 116'; then
  bin_dir="${CARGO_HOME:-$HOME/.cargo}/bin"
  if command -v npm >/dev/null 2>&1; then
    say "installing wasm-opt 116 (npm package binaryen@116.0.0, seconds)"
    tools="${XDG_CACHE_HOME:-$HOME/.cache}/sih-tools/binaryen-116.0.0"
    mkdir -p "$tools" "$bin_dir"
    npm install --silent --no-audit --no-fund --prefix "$tools" binaryen@116.0.0
    ln -sf "$tools/node_modules/binaryen/bin/wasm-opt" "$bin_dir/wasm-opt"
  else
    say "installing wasm-opt 0.116.1 from crates (no npm here; takes ~10 minutes once)"
    cargo install wasm-opt --version 0.116.1 --locked
  fi
fi
