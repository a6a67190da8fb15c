#!/usr/bin/env bash
# Times `perfsite check` (read → recognize → normalize → validate) on synthetic corpora in the
# sample's layout, in release mode, and prints the time per department.
#
#   Benchmarks/check.sh [DEPARTMENTS...]        default: 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
swift build -c release --product perfsite >/dev/null
binary=.build/release/perfsite
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-12s %-10s %-10s %-12s %-14s %s\n' departments tasks wall_s per_dept_ms peak_rss_MB result
for n in ${sizes[@]}; do
  python3 Benchmarks/synth.py --departments "$n" --out "$work/c$n" >/dev/null
  best=""
  for run in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$work/time" "$binary" check "$work/c$n" >"$work/out" || true
    read -r wall rss <"$work/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; best_rss=$rss; fi
  done
  summary=$(tail -1 "$work/out")
  tasks=$(echo "$summary" | sed -E 's/.*部门、([0-9]+) 个任务.*/\1/')
  per=$(awk "BEGIN{printf \"%.3f\", $best * 1000 / $n}")
  printf '%-12s %-10s %-10s %-12s %-14s %s\n' "$n" "$tasks" "$best" "$per" "$((best_rss / 1024))" "$summary"
done
