# shellcheck shell=bash
# ./stack chaos [--runs N] [--seed S]: the chaos harness (bench/, org.storemanager.bench.chaos.ChaosHarness) against
# the stack that is up: runs of order load with one randomized fault each (kill -9 or stop of a service, kill -9 of a
# Kafka broker, a MariaDB or Redis restart, a Redis FLUSHALL), then invariants checked on MariaDB and Redis; writes
# bench/results/chaos-<date>.md, exit code 1 on any violation (docs/chaos.md).
# Sourced by ./stack, which defines ROOT, STATE, LOGS, the ports, DB_USER, DB_PASSWORD, KAFKA_TOPIC, BENCH_GATEWAY_PORT;
# and tools/stack/: step, die (common.sh), stack_ready (status.sh), derive_bench_gateway_config, start_gateway,
# stop_gateway (gateway.sh), mint_token (token.sh).
# shellcheck disable=SC2154 # those variables are assigned in ./stack

cmd_chaos() {
  stack_ready || die "the stack is not up (or not ready): run ./stack up first"
  step "chaos: building the harness (bench/)"
  (cd "$ROOT" && mvn -q -pl bench package -DskipTests \
      && mvn -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) \
    >"$LOGS/chaos-build.log" 2>&1 || { tail -40 "$LOGS/chaos-build.log"; die "building bench/ failed"; }
  # The same gateway as the benchmark's: krakend.json without the per-client limit (one token places every order
  # of a run), so that the harness meets the system's faults, not the gateway's limits.
  step "chaos: a gateway of its own on :$BENCH_GATEWAY_PORT (krakend.json, limits lifted at run time)"
  derive_bench_gateway_config "$STATE/gateway/bench-krakend.json"
  # Both Store Manager instances behind it (the harness starts store-manager-2), so a fault of either is seen.
  GATEWAY_HOST_MAP="http://store-manager-1:5000=http://127.0.0.1:$STORE_MANAGER_PORT,http://store-manager-2:5000=http://127.0.0.1:$STORE_MANAGER_2_PORT,http://payment:5009=http://127.0.0.1:$PAYMENT_PORT" \
    start_gateway "$STATE/gateway/bench-krakend.json" "$BENCH_GATEWAY_PORT" gateway-bench
  trap 'stop_gateway gateway-bench' EXIT
  local bootstrap="127.0.0.1:$KAFKA_PORT"
  if declare -F kafka_bootstrap >/dev/null; then bootstrap=$(kafka_bootstrap); fi
  step "chaos: $* (each run: set-up, 20 s of load with one fault, recovery, checks)"
  env STORE_URL="http://127.0.0.1:$BENCH_GATEWAY_PORT/store-api" PAYMENTS_URL="http://127.0.0.1:$BENCH_GATEWAY_PORT/payments-api" \
    STORE_TOKEN="$(mint_token manager 86400)" DB_PORT="$DB_PORT" DB_USER="$DB_USER" DB_PASSWORD="$DB_PASSWORD" \
    REDIS_URI="redis://127.0.0.1:$REDIS_PORT" KAFKA_BOOTSTRAP_SERVERS="$bootstrap" KAFKA_TOPIC="$KAFKA_TOPIC" \
    KAFKA_BROKERS="${KAFKA_BROKERS:-}" STACK_ROOT="$ROOT" SAGA_DEADLINE_SECONDS="${SAGA_DEADLINE_SECONDS:-120}" \
    PAYMENT_MAX_AMOUNT="${PAYMENT_MAX_AMOUNT:-100000.00}" java -Xmx512m -Djava.awt.headless=true \
    -cp "$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")" \
    org.storemanager.bench.chaos.ChaosHarness "$@"
}
