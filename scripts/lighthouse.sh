#!/usr/bin/env bash
# Lighthouse (npm `lighthouse`, Debian's Chromium) against a running server: the home page,
# the directory and the assessment start page. Prints the four category scores per page and
# keeps the JSON reports in $OUT (default /tmp/sih-lighthouse). Usage:
#   BASE_URL=http://127.0.0.1:3000 ./scripts/lighthouse.sh
# Lighthouse installs once into $LIGHTHOUSE_DIR (outside the clone) and is skipped when present.
set -euo pipefail
base="${BASE_URL:-http://127.0.0.1:3000}"
out="${OUT:-/tmp/sih-lighthouse}"
dir="${LIGHTHOUSE_DIR:-/var/cache/sih/lighthouse}"
mkdir -p "$out" "$dir"
if [ ! -x "$dir/node_modules/.bin/lighthouse" ]; then
  (cd "$dir" && npm install --no-audit --no-fund --silent lighthouse@12 >/dev/null)
fi
for page in / /directory /assessment; do
  name=$(echo "$page" | tr '/' '_')
  [ "$name" = "_" ] && name="_home"
  "$dir/node_modules/.bin/lighthouse" "$base$page" \
    --quiet --output=json --output-path="$out/$name.json" \
    --chrome-path=/usr/bin/chromium \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
    --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1 || {
      echo "lighthouse failed for $page" >&2; exit 1; }
  node -e '
    const r = require(process.argv[1]);
    const c = r.categories, a = r.audits;
    const s = k => Math.round(c[k].score * 100);
    console.log(`${process.argv[2].padEnd(12)} performance ${s("performance")}  accessibility ${s("accessibility")}  best practices ${s("best-practices")}  SEO ${s("seo")}  (FCP ${a["first-contentful-paint"].displayValue}, LCP ${a["largest-contentful-paint"].displayValue}, TBT ${a["total-blocking-time"].displayValue}, transfer ${Math.round(a["total-byte-weight"].numericValue/1024)} KB)`);
  ' "$out/$name.json" "$page"
done
