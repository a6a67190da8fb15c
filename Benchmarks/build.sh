#!/usr/bin/env bash
# Full builds, perfsite against Hugo on the same data: generates a corpus of N departments and the
# equivalent Hugo site (Benchmarks/synth.py --hugo), builds perfsite as scripts/install does, then runs
# `perfsite build` and `hugo` alternately RUNS times each into fresh output folders, and prints
# the median wall time and peak RSS of each and their ratio. Then the incremental figures: one
# table edited, `perfsite build` again over the previous site and with the build cache the full
# build left — its time against the full build's, and how many files it wrote — once with the
# default whole-site swap and once with --in-place. Last, the floor: how long writing each
# site's files takes when their bytes are already in memory (Benchmarks/write_floor.c, built with
# the system's C compiler), against Hugo's build. Works on /dev/shm: creating tens of thousands of
# files on this kind of VM's disk varies several-fold between runs.
#
#   Benchmarks/build.sh [DEPARTMENTS...]        default: 1000
#   RUNS=5 Benchmarks/build.sh 1000 10000      REBUILD_RUNS (default 9): one-table rebuilds of each kind
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000}")
runs=${RUNS:-3}
rebuild_runs=${REBUILD_RUNS:-9}  # rebuilds are short: more of them steady the median
command -v hugo >/dev/null || { echo "hugo is missing: apt-get install hugo" >&2; exit 2; }
work=$(mktemp -d /dev/shm/perfsite-build-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
# The binary publishers run: built, stripped and installed as scripts/install does, with the Swift
# runtime linked in. It starts in 11 ms where `swift build -c release`'s, which links the runtime
# at each start, takes 19 ms: an eighth of a one-table rebuild at 1,000 departments.
swift build -c release --static-swift-stdlib --scratch-path .build/static --product perfsite >/dev/null ||
  { echo "swift build -c release failed" >&2; exit 1; }
perfsite="$work/perfsite"
install -s -m 755 "$(swift build -c release --static-swift-stdlib --scratch-path .build/static --show-bin-path)/perfsite" \
  "$perfsite"
measure="$PWD/Benchmarks/measure.py"  # wall and CPU to the microsecond, peak memory
# The floor: writing each site's files from memory, one thread per core (Benchmarks/write_floor.c).
floor_tool=""
if cc=$(command -v cc || command -v gcc); then
  "$cc" -O2 -pthread -o "$work/write_floor" Benchmarks/write_floor.c && floor_tool="$work/write_floor"
fi
floor_lines=()

declare -A times
# A failed build says why (its output goes to a file) instead of ending the script silently.
failed() {
  echo "$1 failed:" >&2
  tail -5 "$2" >&2
  exit 1
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '%-12s %-9s %-11s %-12s %-8s %-8s %-11s %-13s %-14s %-17s %-13s %-15s %s\n' departments files perfsite_s \
  perfsite_MB hugo_s hugo_MB time_ratio memory_ratio incremental_s incremental/full in_place_s in_place/full \
  files_written
for n in ${sizes[@]}; do
  python3 Benchmarks/synth.py --departments "$n" --out "$work/site$n/Content/2026" --hugo "$work/hugo$n" >/dev/null
  : >"$work/p.times"
  : >"$work/h.times"
  for run in $(seq 1 "$runs"); do
    # A full build is a cold one: no previous site and no build cache (.perfsite-cache/, which
    # the build writes and the incremental runs below use).
    rm -rf "$work/site$n/Public" "$work/site$n/.perfsite-cache" "$work/hugo$n/public"
    (cd "$work/site$n" && "$measure" "$work/p.times" "$perfsite" build --quiet >"$work/b.out") ||
      failed "perfsite build" "$work/b.out"
    (cd "$work/hugo$n" && "$measure" "$work/h.times" hugo --quiet >"$work/b.out") || failed hugo "$work/b.out"
  done
  p_s=$(cut -d' ' -f1 "$work/p.times" | median)
  p_mb=$(cut -d' ' -f3 "$work/p.times" | median | awk '{printf "%d", $1 / 1024}')
  h_s=$(cut -d' ' -f1 "$work/h.times" | median)
  h_mb=$(cut -d' ' -f3 "$work/h.times" | median | awk '{printf "%d", $1 / 1024}')
  files=$(find "$work/site$n/Public" -type f | wc -l)
  # The floor holds a whole site in memory while it writes a copy to /dev/shm (RAM here): measured
  # only where twice the site and a gigabyte to spare fit in the memory available.
  site_bytes=$(du -sb "$work/site$n/Public" | cut -f1)
  available=$(awk '/MemAvailable/ {printf "%d", $2 * 1024}' /proc/meminfo)
  if [ -n "$floor_tool" ] && [ $((site_bytes * 2 + (1 << 30))) -lt "$available" ]; then
    : >"$work/f.times"
    : >"$work/fh.times"
    for run in 1 2 3 4 5; do
      rm -rf "$work/floor" && "$floor_tool" "$work/site$n/Public" "$work/floor" "$(nproc)" >>"$work/f.times"
      rm -rf "$work/floor" && "$floor_tool" "$work/hugo$n/public" "$work/floor" "$(nproc)" >>"$work/fh.times"
    done
    rm -rf "$work/floor"
    f_s=$(cut -d' ' -f3 "$work/f.times" | median)
    fh_s=$(cut -d' ' -f3 "$work/fh.times" | median)
    floor_lines+=("$(awk -v n="$n" -v pf="$(head -1 "$work/f.times")" -v hf="$(head -1 "$work/fh.times")" \
      -v f="$f_s" -v fh="$fh_s" -v h="$h_s" -v p="$p_s" -v cores="$(nproc)" 'BEGIN {
        split(pf, a, " "); split(hf, b, " ")
        printf "%-12s perfsite: %d files, %.1f MB in %.3f s (%.2f of hugo_s, %.2f of perfsite_s); hugo: %d files, %.1f MB in %.3f s (%d threads)", \
          n, a[1], a[2] / 1e6, f, f / h, f / p, b[1], b[2] / 1e6, fh, cores }')")
  fi
  # Incremental: edit one task name in one table, rebuild over the site just built (median of runs),
  # first with the whole-site swap, then in place. The table is the first by file name; its
  # department's rows are 64% into the open-data files at 1,000 departments, and the rebuild hashes
  # those files from the last checkpoint before them (ResumableSHA256): an edit further up the site
  # order hashes more, one further down less.
  table=$(find "$work/site$n/Content" -name '*.tsv' | sort | sed -n 1p)  # not head: SIGPIPE under pipefail
  for mode in swap in-place; do
    : >"$work/i.times"
    for run in $(seq 1 "$rebuild_runs"); do
      sed -i "0,/^1\t\([^\t]*\)/s//1\t\1改$run$mode/" "$table"
      flags=()
      [ "$mode" = in-place ] && flags=(--in-place)
      (cd "$work/site$n" && "$measure" "$work/i.times" "$perfsite" build "${flags[@]}" >"$work/i.out") ||
        failed "perfsite build ${flags[*]}" "$work/i.out"
    done
    times[$mode]=$(cut -d' ' -f1 "$work/i.times" | median)
  done
  written=$(grep -oE '写入 [0-9]+' "$work/i.out" | grep -oE '[0-9]+')
  i_s=${times[swap]}
  p_s_in=${times[in-place]}
  for name in p_s h_s i_s p_s_in; do printf -v "$name" '%.3f' "${!name}"; done
  printf '%-12s %-9s %-11s %-12s %-8s %-8s %-11s %-13s %-14s %-17s %-13s %-15s %s\n' "$n" "$files" "$p_s" "$p_mb" \
    "$h_s" "$h_mb" "$(awk "BEGIN{printf \"%.2f\", $p_s / $h_s}")" "$(awk "BEGIN{printf \"%.2f\", $p_mb / $h_mb}")" \
    "$i_s" "$(awk "BEGIN{printf \"%.3f\", $i_s / $p_s}")" "$p_s_in" "$(awk "BEGIN{printf \"%.3f\", $p_s_in / $p_s}")" \
    "$written"
done
echo "(medians of $runs alternating runs, $rebuild_runs rebuilds of each kind; ratio = perfsite / hugo; issue 8 asks for time_ratio <= 0.25"
echo " and incremental/full <= 0.05)"
if [ ${#floor_lines[@]} -gt 0 ]; then
  echo "The floor: writing each site's files from memory (Benchmarks/write_floor.c, median of 5):"
  printf '%s\n' "${floor_lines[@]}"
fi
