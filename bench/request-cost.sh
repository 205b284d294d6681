#!/usr/bin/env bash
# CPU per request of one read path, per process, on a stack that is up (./stack up).
#
#   bench/request-cost.sh [URL]
#
# Sends REQUEST_COST_WARM_UP requests as fast as it can (the JIT compiler's turn), then REQUEST_COST_ROUNDS rounds of
# REQUEST_COST_REQUESTS requests at REQUEST_COST_RATE requests/s, each with a clerk's bearer token, and prints for
# each round the latency (p50, p99) and the CPU milliseconds per request of the Store Manager, the payment service,
# the gateway and Redis, read from /proc/<pid>/stat before and after. The load comes from hey (Go), not from the
# benchmark's Java client, so that the client takes little of the two cores. Default URL: a stock level, direct
# to the Store Manager. Examples:
#   bench/request-cost.sh http://127.0.0.1:8080/store-api/stocks/1     # through the gateway
#   REQUEST_COST_RATE=500 bench/request-cost.sh
# The figures are for comparing two settings on the same machine in the same hour (restart the server between
# them: a live configuration update makes the JIT compiler start over); docs/benchmark.md uses them.
set -euo pipefail

cd "$(dirname "$0")/.."
URL="${1:-http://127.0.0.1:${STORE_MANAGER_PORT:-5000}/stocks/1}"
RATE="${REQUEST_COST_RATE:-800}"
REQUESTS="${REQUEST_COST_REQUESTS:-12000}"
ROUNDS="${REQUEST_COST_ROUNDS:-4}"
WARM_UP="${REQUEST_COST_WARM_UP:-30000}"
CLIENTS=8
HEY_VERSION=v0.1.5

HEY="$(command -v hey || true)"
if [[ -z "$HEY" ]]; then
  HEY=".stack/tools/bin/hey"
  if [[ ! -x "$HEY" ]]; then
    echo "installing hey $HEY_VERSION (Go module proxy) into .stack/tools/bin" >&2
    GOBIN="$PWD/.stack/tools/bin" go install "github.com/rakyll/hey@$HEY_VERSION"
  fi
fi

TOKEN="$(./stack token clerk | tail -1)"

pid_of() {
  case "$1" in
    store-manager) pgrep -f "ws-server.jar store-manager( |$)" | head -1 ;;
    payment) pgrep -f "ws-server.jar payment( |$)" | head -1 ;;
    gateway) cat .stack/run/gateway.pid 2>/dev/null ;;
    redis) cat .stack/run/redis.pid 2>/dev/null ;;
  esac
}

# CPU ticks (user + system) of a process, 0 if it does not run.
ticks() {
  local pid="$1"
  if [[ -n "$pid" && -r "/proc/$pid/stat" ]]; then
    # the command name (field 2) may hold spaces: count the fields after its closing parenthesis
    sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}'
  else
    echo 0
  fi
}

HZ="$(getconf CLK_TCK)"
COMPONENTS=(store-manager payment gateway redis)
declare -A PIDS
for c in "${COMPONENTS[@]}"; do PIDS[$c]="$(pid_of "$c" || true)"; done

hey_run() {
  "$HEY" -T application/json -H "Authorization: Bearer $TOKEN" -c "$CLIENTS" "$@" "$URL"
}

echo "$URL: warm-up, $WARM_UP requests"
hey_run -n "$WARM_UP" >/dev/null
printf '%-6s %8s %8s %8s' round status p50 p99
for c in "${COMPONENTS[@]}"; do printf ' %14s' "$c"; done
echo "   (ms of CPU per request; $REQUESTS requests at $RATE/s per round)"
for round in $(seq 1 "$ROUNDS"); do
  declare -A BEFORE
  for c in "${COMPONENTS[@]}"; do BEFORE[$c]="$(ticks "${PIDS[$c]}")"; done
  out="$(hey_run -n "$REQUESTS" -q $((RATE / CLIENTS)))"
  statuses="$(echo "$out" | awk '/^ *\[[0-9]+\]/ {gsub(/[\[\]]/, "", $1); printf "%s%s", sep, $1; sep="/"}')"
  p50="$(echo "$out" | awk '/50%/ {print $3 * 1000}')"
  p99="$(echo "$out" | awk '/99%/ {print $3 * 1000}')"
  printf '%-6s %8s %8s %8s' "$round" "$statuses" "$p50" "$p99"
  for c in "${COMPONENTS[@]}"; do
    after="$(ticks "${PIDS[$c]}")"
    printf ' %14s' "$(awk -v d=$((after - BEFORE[$c])) -v hz="$HZ" -v n="$REQUESTS" 'BEGIN {printf "%.3f", d * 1000 / hz / n}')"
  done
  echo
done
