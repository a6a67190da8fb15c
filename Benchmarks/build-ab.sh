#!/usr/bin/env bash
# Two perfsite binaries compared on full (cold) builds, alternating A and B: on this kind of VM the
# same binary's build time moves about 1.4× within an hour, so a change of a few percent is only
# visible against the binary before it, run for run. Generates a corpus of N departments
# (Benchmarks/synth.py), then RUNS times builds it with each binary into a fresh Public/ without a
# build cache. Prints the median wall time, CPU time (user + system) and peak memory of each, and
# B's against A's, then whether the two sites are the same files and bytes apart from
# manifest.json's render keys (which name the binary). Works on /dev/shm.
#
#   Benchmarks/build-ab.sh BINARY_A BINARY_B [DEPARTMENTS]      default: 1000
#   RUNS=7 Benchmarks/build-ab.sh /tmp/perfsite-before .build/release/perfsite
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,11p' "$0" >&2; exit 2; }
binaries=("$(realpath "$1")" "$(realpath "$2")")
departments=${3:-1000}
runs=${RUNS:-5}
cd "$(dirname "$0")/.."
work=$(mktemp -d /dev/shm/perfsite-build-ab.XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 Benchmarks/synth.py --departments "$departments" --out "$work/corpus/2026" >/dev/null
for side in 0 1; do
  mkdir -p "$work/site$side"
  cp -a "$work/corpus" "$work/site$side/Content"
  : >"$work/times$side"
done
for run in $(seq 1 "$runs"); do
  for side in 0 1; do
    rm -rf "$work/site$side/Public" "$work/site$side/.perfsite-cache"
    (cd "$work/site$side" && /usr/bin/time -f '%e %U %S %M' -o "$work/t" "${binaries[$side]}" build --quiet) ||
      { echo "a build failed" >&2; exit 1; }
    cat "$work/t" >>"$work/times$side"
  done
done
python3 - "$work/times0" "$work/times1" "$runs" <<'EOF'
import statistics, sys
medians = []
for path in sys.argv[1:3]:
    rows = [list(map(float, line.split())) for line in open(path)]
    medians.append((statistics.median(r[0] for r in rows), statistics.median(r[1] + r[2] for r in rows),
                    statistics.median(r[3] for r in rows) / 1024))
for name, (wall, cpu, memory) in zip("AB", medians):
    print(f"{name}: wall {wall:.3f} s, CPU {cpu:.3f} s, peak {memory:.0f} MB (medians of {sys.argv[3]} runs)")
print(f"B/A: wall {medians[1][0] / medians[0][0]:.3f}, CPU {medians[1][1] / medians[0][1]:.3f}")
EOF
# The same site? Every file but manifest.json byte for byte, and manifest.json without its render keys.
if diff -rq -x manifest.json "$work/site0/Public" "$work/site1/Public" >/dev/null &&
  diff <(sed '/"renderKeys"/,$d' "$work/site0/Public/manifest.json") \
    <(sed '/"renderKeys"/,$d' "$work/site1/Public/manifest.json") >/dev/null; then
  echo "output: the same files and bytes (manifest.json's render keys aside)"
else
  echo "output: the sites differ ($(diff -rq -x manifest.json "$work/site0/Public" "$work/site1/Public" | wc -l) files," \
    "and manifest.json's file list $(diff -q <(sed '/"renderKeys"/,$d' "$work/site0/Public/manifest.json") \
      <(sed '/"renderKeys"/,$d' "$work/site1/Public/manifest.json") >/dev/null && echo agrees || echo differs))"
fi
