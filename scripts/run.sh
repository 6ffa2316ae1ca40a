#!/usr/bin/env bash
# The README's run command: install what is missing, build the release site, create and
# migrate the embedded SQLite database under ./data/ and serve on http://127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-tools.sh
# The output folder starts empty: cargo-leptos hashes every file it finds in pkg/, and a
# previous build's files would come out with two hashes (or stop the build).
rm -rf target/site/pkg
cargo leptos build --release
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
export SIH_SITE_ROOT="${SIH_SITE_ROOT:-$PWD/target/site}"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/sih.db?mode=rwc}"
mkdir -p data
echo "Smart Industry Hub on http://${SIH_ADDR:-127.0.0.1:3000} (database: $DATABASE_URL)"
exec "$target_dir/release/server" serve
