#!/usr/bin/env bash
# Bytes a first visit transfers (HTML + CSS + JS + WASM and the WASM chunks the page loads,
# compressed as sent) for the pages issue 7 names, measured in Chromium with an empty cache
# against a running release server. Usage:
#   BASE_URL=http://127.0.0.1:3000 ADMIN_EMAIL=… ADMIN_PASSWORD=… ./scripts/first-visit.sh
# VERBOSE=1 lists every file.
set -euo pipefail
cd "$(dirname "$0")/../end2end"
exec node first-visit.mjs
