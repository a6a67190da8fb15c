#!/usr/bin/env bash
# Two perfsite binaries compared run for run, alternating A and B: on this kind of VM the same
# binary's time moves 1.4–1.5× within an hour, so a change of a few percent is only visible against
# the binary before it. Generates a corpus of N departments (Benchmarks/synth.py), then
#   build    RUNS times (default 5) builds it with each binary into a fresh Public/ without a
#            build cache; then says whether the two sites are the same bytes apart from
#            manifest.json's render keys (which name the binary);
#   rebuild  builds it once with each binary (each into its own site, with its own build cache),
#            then RUNS times (default 9) edits one task name in the same table of both sites and
#            rebuilds each with `perfsite build --in-place`;
#   instructions  RUNS times (default 2) builds it as `build` does, under valgrind's callgrind,
#            and counts the instructions each binary executes: the same to 0.4% from run to run
#            here, where wall time moves 2-4%, so a change of 1% shows. It runs a stripped copy
#            of each binary (valgrind cannot read the DWARF 5 that swiftc writes), about 50 times
#            slower: DEPARTMENTS defaults to 100 for it.
#   rebuild-instructions  as `rebuild`, RUNS times (default 3), with each one-table rebuild run
#            under callgrind: the instructions perfsite itself executes (the kernel's work, such as
#            the existence check of the kept files, is not counted). DEPARTMENTS defaults to 1000.
# Prints the median wall time, CPU time (user + system) and peak memory of each (or the
# instructions), and B's against A's. Works on /dev/shm.
#
#   Benchmarks/ab.sh build|rebuild|instructions|rebuild-instructions BINARY_A BINARY_B [DEPARTMENTS]
#                                      DEPARTMENTS: default 1000 (100 for instructions)
#   RUNS=15 Benchmarks/ab.sh rebuild /tmp/perfsite-before .build/release/perfsite
#   EDIT=content ...   the rebuilds edit the task's 主要实施内容 instead of its name: tasks.csv changes,
#                      indicators.csv (whose rows name the task) does not
#
# Copy the binaries somewhere first: a rebuilt binary renders everything again (the build cache
# and the render keys name the binary), so each site must be rebuilt by the binary that built it.
set -euo pipefail
usage() { sed -n '2,29p' "$0" >&2; exit 2; }
[ $# -ge 3 ] || usage
mode=$1
case "$mode" in
  build) runs=${RUNS:-5} ;; rebuild) runs=${RUNS:-9} ;; instructions) runs=${RUNS:-2} ;;
  rebuild-instructions) runs=${RUNS:-3} ;; *) usage ;;
esac
binaries=("$(realpath "$2")" "$(realpath "$3")")
departments=${4:-1000}
if [ "$mode" = instructions ] || [ "$mode" = rebuild-instructions ]; then
  [ "$mode" = instructions ] && departments=${4:-100}
  command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install valgrind" >&2; exit 2; }
fi
counting=false  # instructions are counted, not time
case "$mode" in *instructions) counting=true ;; esac
rebuilding=false  # one-table in-place rebuilds of a site built first
case "$mode" in rebuild*) rebuilding=true ;; esac
cd "$(dirname "$0")/.."
measure="$PWD/Benchmarks/measure.py"  # wall and CPU to the microsecond, peak memory
work=$(mktemp -d /dev/shm/perfsite-ab.XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 Benchmarks/synth.py --departments "$departments" --out "$work/corpus/2026" >/dev/null
# Tables saved in the two seconds before a build began are not trusted to the build cache (git's
# racy-clean rule): without the wait, the first rebuilds would check every table again.
if $rebuilding; then sleep 2; fi
for side in 0 1; do
  if $counting; then
    strip -o "$work/stripped$side" "${binaries[$side]}"
    binaries[$side]="$work/stripped$side"
  fi
  mkdir -p "$work/site$side"
  cp -a "$work/corpus" "$work/site$side/Content"
  if $rebuilding; then
    (cd "$work/site$side" && "${binaries[$side]}" build --quiet) || { echo "the first build failed" >&2; exit 1; }
  fi
  : >"$work/times$side"
done
for run in $(seq 1 "$runs"); do
  for side in 0 1; do
    if [ "$mode" = instructions ]; then
      rm -rf "$work/site$side/Public" "$work/site$side/.perfsite-cache"
      (cd "$work/site$side" && valgrind --tool=callgrind --callgrind-out-file=/dev/null "${binaries[$side]}" build \
        --quiet 2>"$work/valgrind.out") || { tail -5 "$work/valgrind.out" >&2; echo "a build failed" >&2; exit 1; }
      grep -oE 'Collected : [0-9]+' "$work/valgrind.out" | grep -oE '[0-9]+$' >>"$work/times$side"
      continue
    elif [ "$mode" = build ]; then
      rm -rf "$work/site$side/Public" "$work/site$side/.perfsite-cache"
      flags=(--quiet)
    else
      table=$(find "$work/site$side/Content" -name '*.tsv' | sort | sed -n 1p)  # not head: SIGPIPE under pipefail
      if [ "${EDIT:-name}" = content ]; then  # the first task's 主要实施内容: tasks.csv changes, indicators.csv not
        sed -i "0,/^1\t\([^\t]*\)\t\([^\t]*\)/s//1\t\1\t\2改$run/" "$table"
      else
        sed -i "0,/^1\t\([^\t]*\)/s//1\t\1改$run/" "$table"
      fi
      flags=(--in-place --quiet)
      if $counting; then
        (cd "$work/site$side" && valgrind --tool=callgrind --callgrind-out-file=/dev/null "${binaries[$side]}" build \
          "${flags[@]}" 2>"$work/valgrind.out") || { tail -5 "$work/valgrind.out" >&2; echo "a rebuild failed" >&2; exit 1; }
        grep -oE 'Collected : [0-9]+' "$work/valgrind.out" | grep -oE '[0-9]+$' >>"$work/times$side"
        continue
      fi
    fi
    (cd "$work/site$side" && "$measure" "$work/times$side" "${binaries[$side]}" build "${flags[@]}") ||
      { echo "a $mode failed" >&2; exit 1; }
  done
done
if $counting; then
  python3 - "$work/times0" "$work/times1" "$runs" <<'EOF'
import statistics, sys
medians = [statistics.median(int(line) for line in open(path)) for path in sys.argv[1:3]]
for name, count in zip("AB", medians):
    print(f"{name}: {count / 1e9:.4f} billion instructions (median of {sys.argv[3]} runs)")
print(f"B/A: instructions {medians[1] / medians[0]:.4f}")
EOF
else
  python3 - "$work/times0" "$work/times1" "$runs" <<'EOF'
import statistics, sys
medians = []
for path in sys.argv[1:3]:
    rows = [list(map(float, line.split())) for line in open(path)]
    medians.append((statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows),
                    statistics.median(r[2] for r in rows) / 1024))
for name, (wall, cpu, memory) in zip("AB", medians):
    print(f"{name}: wall {wall:.3f} s, CPU {cpu:.3f} s, peak {memory:.0f} MB (medians of {sys.argv[3]} runs)")
print(f"B/A: wall {medians[1][0] / medians[0][0]:.3f}, CPU {medians[1][1] / medians[0][1]:.3f}")
EOF
fi
$rebuilding && exit 0
# The same site? Every file but manifest.json byte for byte, and manifest.json up to its render keys.
without_keys() { sed '/"renderKeys"/,$d' "$work/site$1/Public/manifest.json"; }
differing=$(diff -rq -x manifest.json "$work/site0/Public" "$work/site1/Public" | wc -l || true)
if [ "$differing" = 0 ] && diff -q <(without_keys 0) <(without_keys 1) >/dev/null; then
  echo "output: the same files and bytes (manifest.json's render keys aside)"
else
  echo "output: the sites differ ($differing files other than manifest.json)"
fi
