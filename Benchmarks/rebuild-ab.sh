#!/usr/bin/env bash
# Two perfsite binaries compared on one-table in-place rebuilds, alternating A and B: on this kind
# of VM the same binary's rebuild time moves 1.5× within an hour, so a change is only visible
# against the binary before it, run for run. Generates a corpus of N departments
# (Benchmarks/synth.py), builds it once with each binary (each into its own site, with its own
# build cache), then RUNS times: edits one task name in the same table of both sites and rebuilds
# each with `perfsite build --in-place`. Prints the median wall time and the median CPU time
# (user + system) of each, and B's against A's. Works on /dev/shm.
#
#   Benchmarks/rebuild-ab.sh BINARY_A BINARY_B [DEPARTMENTS]      default: 1000
#   RUNS=15 Benchmarks/rebuild-ab.sh /tmp/perfsite-before .build/release/perfsite
#
# Copy the binaries somewhere first: a rebuilt binary renders everything again (the build cache
# and the render keys name the binary), so each site must be rebuilt by the binary that built it.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,14p' "$0" >&2; exit 2; }
binaries=("$(realpath "$1")" "$(realpath "$2")")
departments=${3:-1000}
runs=${RUNS:-9}
cd "$(dirname "$0")/.."
work=$(mktemp -d /dev/shm/perfsite-rebuild-ab.XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 Benchmarks/synth.py --departments "$departments" --out "$work/corpus/2026" >/dev/null
# Tables saved in the two seconds before a build began are not trusted to the build cache (git's
# racy-clean rule): without the wait, the first rebuilds would check every table again.
sleep 2
for side in 0 1; do
  mkdir -p "$work/site$side"
  cp -a "$work/corpus" "$work/site$side/Content"
  (cd "$work/site$side" && "${binaries[$side]}" build --quiet) || { echo "the first build failed" >&2; exit 1; }
  : >"$work/times$side"
done
for run in $(seq 1 "$runs"); do
  for side in 0 1; do
    table=$(find "$work/site$side/Content" -name '*.tsv' | sort | sed -n 1p)  # not head: SIGPIPE under pipefail
    sed -i "0,/^1\t\([^\t]*\)/s//1\t\1改$run/" "$table"
    (cd "$work/site$side" && /usr/bin/time -f '%e %U %S' -o "$work/t" "${binaries[$side]}" build --in-place --quiet) ||
      { echo "a rebuild failed" >&2; exit 1; }
    cat "$work/t" >>"$work/times$side"
  done
done
python3 - "$work/times0" "$work/times1" "$runs" <<'EOF'
import statistics, sys
medians = []
for path in sys.argv[1:3]:
    rows = [list(map(float, line.split())) for line in open(path)]
    medians.append((statistics.median(r[0] for r in rows), statistics.median(r[1] + r[2] for r in rows)))
for name, (wall, cpu) in zip("AB", medians):
    print(f"{name}: wall {wall:.3f} s, CPU {cpu:.3f} s (medians of {sys.argv[3]} runs)")
print(f"B/A: wall {medians[1][0] / medians[0][0]:.3f}, CPU {medians[1][1] / medians[0][1]:.3f}")
EOF
