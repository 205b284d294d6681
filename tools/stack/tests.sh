# shellcheck shell=bash
# ./stack test: the whole test suite on a stack brought up with this build. Functions SOURCED by ./stack.
#
#   cmd_test   up, then in order: the gateway's Go tests, the compose checks, mvn verify (unit, in-container
#              and end-to-end tests), newman, schemathesis, a short chaos series
#
# They use the functions of the other parts (lifecycle.sh, gateway.sh, compose.sh, packages.sh, newman.sh,
# schemathesis.sh, chaos.sh) and what ./stack defines: ROOT, the ports, KAFKA_TOPIC, T0 (common.sh).
# shellcheck disable=SC2154 # those variables are assigned in ./stack, common.sh and kafka.sh

cmd_test() {
  # The end-to-end tests run against the servers of the stack, so they must run this build. Spans go to
  # TraceIT's in-test OTLP receiver while it runs; at other times an export fails at once, without retries.
  export OTEL_TRACES_EXPORTER=otlp OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf \
    OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:${OTLP_RECEIVER_PORT:-4318}" OTEL_BSP_SCHEDULE_DELAY=200 \
    OTEL_JAVA_EXPORTER_OTLP_RETRY_DISABLED=true
  cmd_up
  step "tests: the gateway (go test, check -t on krakend/krakend.json)"
  test_gateway
  step "tests: docker-compose.yml and the Dockerfiles, offline (docker-compose config -q, tools/compose/)"
  check_compose
  step "tests: mvn verify (unit tests, Arquillian in-container tests, end-to-end tests)"
  ensure_test_packages
  (cd "$ROOT" && mvn verify -Dstore.url="http://127.0.0.1:$STORE_MANAGER_PORT" \
      -Dpayment.url="http://127.0.0.1:$PAYMENT_PORT" -Dgateway.url="http://127.0.0.1:${GATEWAY_PORT:-8080}" -Dredis.uri="redis://127.0.0.1:$REDIS_PORT" \
      -Ddb.port="$DB_PORT" -Dkafka.bootstrap.servers="$(kafka_bootstrap)" -Dkafka.topic="$KAFKA_TOPIC" \
      -Dotlp.receiver.port="${OTLP_RECEIVER_PORT:-4318}")
  step "tests: the Postman collection through the gateway (newman, docs/collections/)"
  run_newman
  step "tests: schemathesis, all checks, on both OpenAPI documents and the supplier GraphQL schema"
  run_schemathesis
  step "tests: the chaos harness, a short series (${CHAOS_TEST_RUNS:-5} runs of one random fault each, docs/chaos.md)"
  cmd_chaos --runs "${CHAOS_TEST_RUNS:-5}"
  step "tests passed in $(( $(date +%s) - T0 )) s"
}
