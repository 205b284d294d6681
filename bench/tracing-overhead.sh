#!/usr/bin/env bash
# The cost of tracing on a saga (docs/observability.md), on one machine, one setting right after the other,
# against the stack that is up:
#   off: OTEL_SDK_DISABLED=true (no spans, no traceparent written);
#   on:  the SDK on, every span exported over OTLP/HTTP to bench/otlp-sink.py (accepts and discards).
# Both services are restarted with the setting, warmed up by ORDERS unmeasured orders, then measured over ORDERS
# orders placed one at a time (bench/saga-probe.py: POST /orders until the saga ended; p50/p90/p99), with the
# CPU ms per order of each process (utime+stime from /proc/<pid>/stat over the measured orders).
# One order at a time on an idle stack: this isolates what tracing adds to each saga; the benchmark's open-load
# steps (./stack bench) measure throughput.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${TRACING_OVERHEAD_OUT:-bench/results/tracing-overhead}
TICK=$(getconf CLK_TCK)
ORDERS=${TRACING_OVERHEAD_ORDERS:-300}
mkdir -p "$OUT"

pids() { # name pid, for the processes of the stack
  local dir pid args
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    args=$(tr '\0' ' ' <"$dir/cmdline" 2>/dev/null) || continue
    case $args in
      *ws-server.jar\ store-manager\ *) echo "store-manager $pid" ;;
      *ws-server.jar\ payment\ *) echo "payment $pid" ;;
      *mariadbd*) echo "mariadb $pid" ;;
      *redis-server*) echo "redis $pid" ;;
      *kafka.Kafka*) echo "kafka $pid" ;;
      *krakend*) echo "gateway $pid" ;;
    esac
  done
}
ticks() { awk '{print $14 + $15}' /proc/"$1"/stat 2>/dev/null || echo 0; }
# Orders placed so far: the table's next id (the benchmark deletes its orders when it is done).
orders() { mysql -h 127.0.0.1 -P "${DB_PORT:-3306}" -u storemanager -pstoremanager-dev -N -e \
  "select auto_increment from information_schema.tables where table_schema = 'store_manager' and table_name = 'orders'"; }

python3 bench/otlp-sink.py 4318 1800 >"$OUT/otlp-sink.log" 2>&1 &
SINK=$!
trap 'kill $SINK 2>/dev/null || true' EXIT

for mode in off on; do
  if [ "$mode" = off ]; then settings=(OTEL_SDK_DISABLED=true)
  else settings=(OTEL_SDK_DISABLED=false OTEL_TRACES_EXPORTER=otlp OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
                 OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318); fi
  ./stack stop store-manager >/dev/null && ./stack stop payment >/dev/null
  env "${settings[@]}" ./stack start store-manager >/dev/null && env "${settings[@]}" ./stack start payment >/dev/null
  token=$(./stack token manager | tail -1)
  # Unmeasured orders first: fresh JVMs spend their first minute compiling (JIT).
  python3 bench/saga-probe.py "http://127.0.0.1:5000" "$token" "$ORDERS" 300 >"$OUT/$mode-warm-up.log"
  declare -A before=()
  while read -r name pid; do before[$pid]=$(ticks "$pid"); done < <(pids)
  first=$(orders)
  python3 bench/saga-probe.py "http://127.0.0.1:5000" "$token" "$ORDERS" 300 | tee "$OUT/$mode.log"
  placed=$(( $(orders) - first ))
  echo "tracing $mode: $placed orders placed, completed, then deleted (CPU covers all three)"
  declare -A ms=()
  total=0
  while read -r name pid; do
    [ -n "${before[$pid]:-}" ] || continue
    used=$(( $(ticks "$pid") - before[$pid] ))
    ms[$name]=$(( ${ms[$name]:-0} + used * 1000 / TICK ))
    total=$(( total + used * 1000 / TICK ))
  done < <(pids)
  for name in "${!ms[@]}"; do
    awk -v n="$name" -v m="${ms[$name]}" -v o="$placed" 'BEGIN { printf "  %-14s %6.2f ms CPU per order\n", n, m / o }'
  done | sort
  awk -v m="$total" -v o="$placed" 'BEGIN { printf "  %-14s %6.2f ms CPU per order\n", "all (services)", m / o }'
  unset before ms
done
