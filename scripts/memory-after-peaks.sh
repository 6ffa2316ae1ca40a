#!/usr/bin/env bash
# Memory after peaks (issue 21, docs/benchmarks.md): the resident memory of the release server
# when idle, then at the peak of and after (a) a 10 s load run of directory pages (wrk, 50
# connections) followed by 10 s idle, (b) the answers export and (c) the Excel export of 20,000
# generated assessments. Each binary given is measured in turn on the same database, so
# allocators can be compared side by side in one run:
#   scripts/memory-after-peaks.sh /tmp/server-glibc /tmp/server-tuned
# (build each variant with `cargo build --release -p server` and copy the binary).
#
# With MEMORY_DATABASE_URL set (say a PostgreSQL database that `demo-data` filled with a
# million assessments), that database is used as it is instead of a new SQLite one; EXPORTS
# names the exports to take (default: answers.csv assessments.xlsx) and LOAD=0 skips the load
# run. Each export's line gives its first byte (s) and size besides the memory.
set -euo pipefail
dir=$(mktemp -d)
trap 'pkill -f "$dir" 2>/dev/null || true; rm -rf "$dir"' EXIT
export DATABASE_URL="${MEMORY_DATABASE_URL:-sqlite://$dir/sih.db?mode=rwc}" SIH_ADDR=127.0.0.1:3125 \
  SIH_SITE_ROOT="$dir/site" MAIL_DIR="$dir/mail" PUBLIC_BASE_URL=http://127.0.0.1:3125 \
  SIH_ADMIN_PASSWORD=memory-beheer-wachtwoord-1 RUST_LOG=error
mkdir -p "$dir/site/pkg"
if [ -z "${MEMORY_DATABASE_URL:-}" ]; then
  "$1" demo-data --assessments "${ASSESSMENTS:-20000}" >/dev/null
fi
"$1" create-admin --email "beheer-$$@memory.test" --name Beheer >/dev/null
for bin in "$@"; do
  cp "$bin" "$dir/server"
  "$dir/server" serve >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf http://127.0.0.1:3125/healthz >/dev/null && break; sleep 0.2; done
  curl -s -c "$dir/jar" -H 'sec-fetch-site: same-origin' -o /dev/null \
    -d "email=beheer-$$%40memory.test&"'password=memory-beheer-wachtwoord-1&next=%2F' http://127.0.0.1:3125/api/login
  rss() { awk '/VmRSS/{print int($2/1024)}' "/proc/$pid/status"; }
  watch() { # runs "$@" while sampling the peak RSS
    local peak=0 r; "$@" & local c=$!
    while kill -0 $c 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.02; done
    echo "$peak"
  }
  line="$(basename "$bin"): idle $(rss) MB"
  if [ "${LOAD:-1}" != 0 ]; then
    peak=$(watch sh -c 'wrk -t2 -c50 -d10s http://127.0.0.1:3125/directory >/dev/null')
    sleep 10; line="$line | load: peak $peak, 10 s idle $(rss)"
  fi
  for file in ${EXPORTS:-answers.csv assessments.xlsx}; do
    peak=$(watch sh -c "curl -s -b '$dir/jar' -o /dev/null -w '%{time_starttransfer} %{size_download}' \
      'http://127.0.0.1:3125/staff/exports/$file' >'$dir/took'")
    sleep 2; line="$line | $file: first byte $(cut -d' ' -f1 "$dir/took") s, $(cut -d' ' -f2 "$dir/took") B, peak $peak, after 2 s $(rss)"
  done
  echo "$line MB"
  kill $pid; wait $pid 2>/dev/null || true
done
