#!/usr/bin/env bash
# Load on the preview server, from a second process: wrk (Debian `wrk`) with 64 connections for
# DURATION seconds (default 30) on a department page of a synthetic site, against perfsite serve
# and, in the same run, `hugo server` on the equivalent Hugo site (the peer: also a preview server
# with live reload). Prints requests per second, latency percentiles, errors and non-2xx answers.
#
#   Benchmarks/serve.sh [DEPARTMENTS=100] [DURATION=30]
set -euo pipefail
cd "$(dirname "$0")/.."
departments=${1:-100}
duration=${2:-30}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

swift build -c release --product perfsite >/dev/null
perfsite="$PWD/.build/release/perfsite"
work=$(mktemp -d /dev/shm/perfsite-serve-bench.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
python3 Benchmarks/synth.py --departments "$departments" --out "$work/site/Content/2026" --hugo "$work/hugo" >/dev/null

wait_for_port() { # log file → port
  for _ in $(seq 1 600); do
    port=$(grep -oE 'http://(127\.0\.0\.1|localhost):[0-9]+' "$1" | head -1 | sed 's/.*://') || true
    [ -n "$port" ] && { echo "$port"; return; }
    sleep 0.1
  done
  echo "server did not start: $(cat "$1")" >&2; exit 1
}

load() { # name url
  echo "== $1: wrk -t2 -c64 -d${duration}s --latency $2"
  wrk -t2 -c64 -d"${duration}s" --latency "$2" | tee "$work/$1.wrk" |
    grep -E 'Requests/sec|Latency  |50%|75%|90%|99%|requests in|Non-2xx|Socket errors' || true
  if grep -qE 'Non-2xx|Socket errors' "$work/$1.wrk"; then echo "$1: ERRORS (see above)"; else echo "$1: 0 errors, 0 non-2xx"; fi
}

(cd "$work/site" && exec "$perfsite" serve --port 0 --output "$work/preview" >"$work/perfsite.log" 2>&1) &
server=$!
port=$(wait_for_port "$work/perfsite.log")
until grep -q '已构建' "$work/perfsite.log"; do sleep 0.1; done
page=$(cd "$work/preview" && ls -d 2026/*/ | head -1)
curl -sf -o /dev/null "http://127.0.0.1:$port/$page"
load perfsite "http://127.0.0.1:$port/$page"
kill $server; wait $server 2>/dev/null || true

if command -v hugo >/dev/null; then
  hugo_port=$((20000 + RANDOM % 20000))
  (cd "$work/hugo" && exec hugo server --port "$hugo_port" --bind 127.0.0.1 --disableFastRender \
    >"$work/hugo.log" 2>&1) &
  server=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$hugo_port/"; do sleep 0.2; done
  hugo_page="departments/$(ls "$work/hugo/content/departments" | grep -v '\.md$' | head -1)/"
  curl -sf -o /dev/null "http://127.0.0.1:$hugo_port/$hugo_page"
  load hugo "http://127.0.0.1:$hugo_port/$hugo_page"
  kill $server; wait $server 2>/dev/null || true
  p=$(grep -oE 'Requests/sec: *[0-9.]+' "$work/perfsite.wrk" | grep -oE '[0-9.]+$')
  h=$(grep -oE 'Requests/sec: *[0-9.]+' "$work/hugo.wrk" | grep -oE '[0-9.]+$')
  pb=$(grep -oE 'Transfer/sec: *[0-9.]+[KMG]B' "$work/perfsite.wrk" | grep -oE '[0-9.]+[KMG]B$')
  hb=$(grep -oE 'Transfer/sec: *[0-9.]+[KMG]B' "$work/hugo.wrk" | grep -oE '[0-9.]+[KMG]B$')
  echo "== requests per second: perfsite $p, hugo $h, ratio $(python3 -c "print(f'{$p / $h:.2f}')")"
  echo "== bytes per second (the pages differ in size): perfsite $pb, hugo $hb"
fi
