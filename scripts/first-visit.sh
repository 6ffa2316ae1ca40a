#!/usr/bin/env bash
# Bytes a first visit transfers (HTML + JS + WASM + CSS, compressed as served) for the pages
# issue 7 names, against a running release server. Usage:
#   BASE_URL=http://127.0.0.1:3000 ADMIN_EMAIL=… ADMIN_PASSWORD=… ./scripts/first-visit.sh
set -euo pipefail
base="${BASE_URL:-http://127.0.0.1:3000}"
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
size() { curl -s -o /dev/null -H 'Accept-Encoding: br, gzip' -b "$jar" -w '%{size_download}' "$base$1"; }
html() { curl -s --compressed -b "$jar" "$base$1"; }

# The build files every page loads (hashed names, read from the home page).
home=$(html /)
assets=$(echo "$home" | grep -oE '/pkg/sih\.[A-Za-z0-9_-]+\.(js|wasm|css)' | sort -u)
asset_bytes=0
for a in $assets; do
  n=$(size "$a"); asset_bytes=$((asset_bytes + n))
  printf '  %-48s %8.1f KB\n' "$a" "$(echo "$n/1024" | bc -l)"
done

event=$(html /events | grep -oE 'href="/events/[a-z0-9-]+"' | head -1 | cut -d'"' -f2 || true)
# Server functions answer a redirect as 200 with a Location header (the page's script follows it).
reference=$(curl -s -o /dev/null -D - -X POST \
  -H 'Content-Type: application/x-www-form-urlencoded' \
  --data 'variant=manufacturing&company_name=Meting%20BV&sector=metal&size_class=20-49&province=groningen&respondent_role=Directeur' \
  "$base/api/assessment/start" | tr -d '\r' | sed -nE 's|^location: /assessment/([^?]+).*|\1|Ip')
pages=("/" "/directory" "${event:-/events}" "/assessment" "/assessment/$reference/t/strategy")
if [ -n "${ADMIN_EMAIL:-}" ]; then
  curl -s -o /dev/null -c "$jar" -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-urlencode "email=$ADMIN_EMAIL" --data-urlencode "password=${ADMIN_PASSWORD:-}" \
    --data-urlencode "next=/" "$base/api/login"
  pages+=("/staff/dashboard")
fi
printf '%-44s %10s %12s\n' page HTML "first visit"
for p in "${pages[@]}"; do
  n=$(size "$p")
  printf '%-44s %7.1f KB %9.1f KB\n' "$p" "$(echo "$n/1024" | bc -l)" "$(echo "($n+$asset_bytes)/1024" | bc -l)"
done
