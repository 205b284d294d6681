# shellcheck shell=bash
# ./stack bench [quick|full] [growth|saga|reads|outbox]...: the benchmark (bench/, org.storemanager.bench.Benchmark)
# against the stack that is up, through a gateway of its own with the limits lifted (docs/benchmark.md). Prints a
# table, writes bench/results/. Functions SOURCED by ./stack, not a script to run.
#
# They use what ./stack defines: step, die (common.sh), stack_ready (status.sh), derive_bench_gateway_config,
# start_gateway, stop_gateway (gateway.sh), mint_token (token.sh), kafka_bootstrap (kafka.sh) and ROOT, STATE, LOGS,
# the ports, DB_USER, DB_PASSWORD, KAFKA_TOPIC, BENCH_GATEWAY_PORT.
# shellcheck disable=SC2154 # those variables are assigned in ./stack and kafka.sh

cmd_bench() { # [quick|full]: the benchmark against the stack that is up (no rebuild of the services)
  local mode=${1:-quick}; shift || true # then optionally: growth saga reads outbox (default: all)
  case $mode in quick|full) ;; *) die "bench: quick or full";; esac
  stack_ready || die "the stack is not up (or not ready): run ./stack up first"
  step "bench: building the load generator (bench/)"
  (cd "$ROOT" && mvn -q -pl bench package -DskipTests \
      && mvn -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) \
    >"$LOGS/bench-build.log" 2>&1 || { tail -40 "$LOGS/bench-build.log"; die "building bench/ failed"; }
  step "bench: a gateway of its own on :$BENCH_GATEWAY_PORT (krakend.json, limits lifted at run time)"
  derive_bench_gateway_config "$STATE/gateway/bench-krakend.json"
  start_gateway "$STATE/gateway/bench-krakend.json" "$BENCH_GATEWAY_PORT" gateway-bench
  trap 'stop_gateway gateway-bench' EXIT
  step "bench: $mode mode (quick: about 3 minutes; full: about 15 minutes)"
  env STORE_URL="http://127.0.0.1:$BENCH_GATEWAY_PORT/store-api" STORE_DIRECT_URL="http://127.0.0.1:$STORE_MANAGER_PORT" \
    BENCH_TARGET="the KrakenD gateway (krakend.json, per-client limit dropped and max_rate x${BENCH_GATEWAY_RATE_FACTOR:-100} for the run) in front of the services" \
    STORE_TOKEN="$(mint_token manager 86400)" DB_PORT="$DB_PORT" DB_USER="$DB_USER" DB_PASSWORD="$DB_PASSWORD" \
    REDIS_URI="redis://127.0.0.1:$REDIS_PORT" KAFKA_BOOTSTRAP_SERVERS="$(kafka_bootstrap)" KAFKA_TOPIC="$KAFKA_TOPIC" \
    STACK_ROOT="$ROOT" java -Xmx1g -Djava.awt.headless=true \
    -cp "$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")" org.storemanager.bench.Benchmark "$mode" "$@"
}
