#!/usr/bin/env bash
# Compares the saga's throughput and cost per order of two builds on this machine, one right after the other
# (docs/benchmark.md, "Comparing two builds"):
#
#   bench/compare-builds.sh <old-rev> [<new-rev>]      (new-rev: the working tree as it is)
#
# For each build: the services' code (store-common, store-manager-war, payment-war, liberty-config) of that revision
# is checked out into the working tree, `./stack up` rebuilds and restarts the servers on the same MariaDB, Redis and
# Kafka, and the saga scenario runs with the same rates, step length and warm-up (the benchmark is the working
# tree's, for both). The working tree's services' code is put back at the end, also after a failure. Each run's
# results go to bench/results/<date>-compare/old/ and new/ (the benchmark's Markdown and plots), with each run's
# warm-up and step lines in old.txt and new.txt (the servers' and the benchmark's logs beside them are not committed:
# .gitignore); the two summaries are printed one under the other.
#
# Settings (environment): BENCH_SAGA_RATES (10,20,30,40,50,60,80,100,120,150,200), BENCH_SAGA_STEP_SECONDS (20),
# BENCH_WARM_UP_ROUNDS (24: up to 6 minutes of warm-up, until the CPU per order is stable); BENCH_COMPARE_OUT (the
# results directory, bench/results/<date>-compare: name it for a second pair of the day); BENCH_COMPARE_MODE (quick)
# and BENCH_COMPARE_SCENARIOS (saga): for example `full "saga reads"` to compare the read paths too, on servers the
# saga warmed up.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/compare-builds.sh <old-rev> [<new-rev>]" >&2; exit 2; }
CODE=(store-common store-manager-war payment-war liberty-config)
OUT=${BENCH_COMPARE_OUT:-bench/results/$(date +%F)-compare}
mkdir -p "$OUT"
if [ -n "$(git status --porcelain -- "${CODE[@]}")" ]; then
  echo "compare-builds: commit or stash the changes in ${CODE[*]} first (they would be overwritten)" >&2
  exit 1
fi
export BENCH_SAGA_RATES=${BENCH_SAGA_RATES:-10,20,30,40,50,60,80,100,120,150,200}
export BENCH_SAGA_STEP_SECONDS=${BENCH_SAGA_STEP_SECONDS:-20}
export BENCH_WARM_UP_ROUNDS=${BENCH_WARM_UP_ROUNDS:-24}
MODE=${BENCH_COMPARE_MODE:-quick}
read -r -a SCENARIOS <<<"${BENCH_COMPARE_SCENARIOS:-saga}"

# Working tree only (git restore --worktree): the index keeps HEAD's files, so a commit made while a pair runs
# does not take in the build being measured.
restore() { git restore -q --source=HEAD --worktree -- "${CODE[@]}"; }
trap restore EXIT

measure() { # rev label
  local rev=$1 label=$2
  echo "==> $label: $rev"
  if [ "$rev" = working-tree ]; then restore; else git restore -q --source="$rev" --worktree -- "${CODE[@]}"; fi
  ./stack up >"$OUT/$label-up.log" 2>&1 || { tail -30 "$OUT/$label-up.log"; exit 1; }
  BENCH_OUTPUT="$PWD/$OUT/$label" ./stack bench "$MODE" "${SCENARIOS[@]}" >"$OUT/$label-bench.log" 2>&1 \
    || { tail -30 "$OUT/$label-bench.log"; exit 1; }
  grep -E '^[0-9:]+ (warm-up round|saga |GET |GraphQL )' "$OUT/$label-bench.log" | cut -c1-250 | tee "$OUT/$label.txt"
}

measure "$1" old
measure "${2:-working-tree}" new
echo
for label in old new; do
  md=$(find "$OUT/$label" -name '*.md' -newer "$OUT/$label-up.log" | head -1)
  echo "$label ($md): $(grep -o 'Highest rate sustained[^*]*' "$md" | head -1)"
  grep -E '^\| [0-9]+ \| [0-9]+ \| [0-9.]+ \| [0-9.]+ \|' "$md" | sed "s/^/  $label statements per order: /"
done
