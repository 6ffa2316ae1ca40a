#!/usr/bin/env bash
# The README's test command: unit and integration tests (SQLite, and PostgreSQL when
# TEST_DATABASE_URL is set), then the release build in Chromium. Non-zero exit on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

./scripts/setup-tools.sh

if [ ! -x /usr/bin/chromium ]; then
  say "installing Chromium from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "installing the browser-test packages"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

say "formatting and lints (server and browser code)"
cargo fmt --all --check
cargo clippy --all-targets -- -D warnings
cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

say "cargo test (SQLite)"
pg_url="${TEST_DATABASE_URL:-}"
TEST_DATABASE_URL= cargo test --workspace
if [ -n "$pg_url" ]; then
  say "integration tests on PostgreSQL"
  TEST_DATABASE_URL="$pg_url" cargo test -p server --tests
fi

say "building the release site"
# The output folder starts empty: cargo-leptos hashes every file it finds in pkg/, and a
# previous build's files would come out with two hashes (or stop the build).
rm -rf target/site/pkg
cargo leptos build --release
target_dir="${CARGO_TARGET_DIR:-$root/target}"

tmp=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export SIH_ADDR="127.0.0.1:$port"
export DATABASE_URL="sqlite://$tmp/e2e.db?mode=rwc"
export SIH_SITE_ROOT="$root/target/site"
# No mail server: the server writes each mail into this folder, where the tests read links.
export MAIL_DIR="$tmp/mail"
export PUBLIC_BASE_URL="http://127.0.0.1:$port"
export SIH_ADMIN_PASSWORD="e2e-beheer-wachtwoord-2026"
"$target_dir/release/server" create-admin --email beheer@e2e.test --name "Beheer E2E" >/dev/null
"$target_dir/release/server" serve >"$tmp/server.log" 2>&1 &
server_pid=$!
cleanup() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.2
done

say "browser tests against the release build on port $port"
status=0
# @playwright/test with end2end/playwright.config.mjs: one worker, ten minutes per test (one
# that hangs fails instead of holding CI), a trace of each failure in end2end/test-results/.
e2e() {
  (cd end2end && BASE_URL="http://127.0.0.1:$port" ADMIN_EMAIL=beheer@e2e.test ADMIN_PASSWORD="$SIH_ADMIN_PASSWORD" \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx --no-install playwright test "$@")
}
# The feature tests first, on a database with only what they make themselves (generated
# providers would, rightly, outrank the one the matching test creates).
e2e $(ls end2end/tests/*.test.mjs | grep -v staff.test.mjs | sed 's|^end2end/||') || status=$?
# Then generated companies, assessments and events (--force: the feature tests left accounts
# behind) for the staff dashboard's test, through the running server's database.
"$target_dir/release/server" demo-data --assessments 300 --force >/dev/null || status=$?
e2e tests/staff.test.mjs || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- server log ---"; tail -n 50 "$tmp/server.log"
fi
exit "$status"
