# shellcheck shell=bash
# ./stack test: the whole test suite on a stack brought up with this build. Functions SOURCED by ./stack.
#
#   cmd_test              up, then in order: the gateway's Go tests, the compose checks, shellcheck, mvn verify
#                         (unit, in-container and end-to-end tests), the staff app and the GraphiQL page in
#                         chromium, newman, schemathesis, a short chaos series
#   run_app_browser_tests the staff app's browser tests (playwright-core driving Debian's chromium) through the
#                         gateway; screenshots to APP_SCREENSHOTS_DIR if set (docs/ refreshes the README's)
#   run_graphiql_browser_tests  the suppliers' GraphiQL page in chromium through the gateway (playwright-core):
#                         a query answered in the result pane, the docs explorer showing the schema
#   check_shell_scripts   shellcheck, at its default severity, on every shell script: any finding fails the test
#   shell_scripts         the repository's shell scripts, as git lists them (untracked ones too, not ignored
#                         ones): the *.sh files (the parts here have no #! line) and every file whose #! line
#                         runs a shell (./stack, .ci/run, bench/tracing-overhead.sh, ...)
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
  # The test command leaves the stack as it found it: up stops a second Store Manager instance (it would run an
  # old build), ScaleOutIT and the chaos series start one. At the end, also on a failure (trap), it is stopped
  # again, or started again if it was running before.
  local second_was_running=false
  server_running store-manager-2 && second_was_running=true
  trap 'restore_second_instance '"$second_was_running" EXIT
  cmd_up
  step "tests: the gateway (go test, check -t on krakend/krakend.json)"
  test_gateway
  step "tests: docker-compose.yml and the Dockerfiles, offline (docker-compose config -q, tools/compose/)"
  check_compose
  step "tests: shellcheck on the launcher and every shell script"
  check_shell_scripts
  step "tests: mvn verify (unit tests, Arquillian in-container tests, end-to-end tests)"
  ensure_test_packages chromium
  (cd "$ROOT" && mvn verify -Dstore.url="http://127.0.0.1:$STORE_MANAGER_PORT" \
      -Dpayment.url="http://127.0.0.1:$PAYMENT_PORT" -Dgateway.url="http://127.0.0.1:${GATEWAY_PORT:-8080}" -Dredis.uri="redis://127.0.0.1:$REDIS_PORT" \
      -Ddb.port="$DB_PORT" -Dkafka.bootstrap.servers="$(kafka_bootstrap)" -Dkafka.topic="$KAFKA_TOPIC" \
      -Dotlp.receiver.port="${OTLP_RECEIVER_PORT:-4318}" -Dstore2.port="$STORE_MANAGER_2_PORT")
  step "tests: the staff app in chromium through the gateway (playwright-core, store-manager-war/src/main/staff-app/)"
  run_app_browser_tests
  step "tests: the suppliers' GraphiQL page in chromium through the gateway (store-manager-war/src/main/supplier-graphiql/)"
  run_graphiql_browser_tests
  step "tests: the Postman collection through the gateway (newman, docs/collections/)"
  run_newman
  step "tests: schemathesis, all checks, on both OpenAPI documents and the supplier GraphQL schema"
  run_schemathesis
  step "tests: the chaos harness, a short series (${CHAOS_TEST_RUNS:-3} runs of one random fault each, docs/chaos.md)"
  # In a subshell: cmd_chaos sets its own EXIT trap (its gateway), which must not replace the one above.
  (cmd_chaos --runs "${CHAOS_TEST_RUNS:-3}") || die "the chaos series failed (above)"
  step "tests passed in $(( $(date +%s) - T0 )) s"
}

restore_second_instance() { # was-running: the EXIT trap of cmd_test
  if [ "$1" = true ]; then
    server_running store-manager-2 || cmd_start store-manager-2
  else
    stop_server store-manager-2
  fi
}

# A web page's browser tests (npm run test:browser in its package) through the gateway: Debian's chromium driven by
# playwright-core, which the build's npm ci put in node_modules (no browser download), bounded by a timeout.
run_browser_tests() { # package-dir timeout-seconds what
  local page="$ROOT/$1"
  ensure_test_packages chromium
  [ -d "$page/node_modules/playwright-core" ] || (cd "$page" && npm ci --no-audit --no-fund) \
    || die "npm ci failed in $page"
  (cd "$page" && GATEWAY_URL="http://127.0.0.1:${GATEWAY_PORT:-8080}" CHROMIUM="$(command -v chromium)" \
    timeout "$2" npm run -s test:browser) || die "$3's browser tests failed (above)"
}

# The four scenarios of issue 32, bounded by APP_TEST_TIMEOUT (180 s).
run_app_browser_tests() {
  run_browser_tests store-manager-war/src/main/staff-app "${APP_TEST_TIMEOUT:-180}" "the staff app"
}

# The GraphiQL page's two scenarios (a supplier's query and its answer, the docs explorer), bounded by
# GRAPHIQL_TEST_TIMEOUT (120 s).
run_graphiql_browser_tests() {
  run_browser_tests store-manager-war/src/main/supplier-graphiql "${GRAPHIQL_TEST_TIMEOUT:-120}" "the GraphiQL page"
}

shell_scripts() { # one path a line, relative to ROOT
  local file
  while IFS= read -r -d '' file; do
    [ -f "$ROOT/$file" ] || continue # deleted, not committed yet
    if [[ $file == *.sh ]] || head -n 1 "$ROOT/$file" | grep -qE '^#!.*[/ ](ba|da|k)?sh([[:space:]]|$)'; then
      printf '%s\n' "$file"
    fi
  done < <(git -C "$ROOT" ls-files -z --cached --others --exclude-standard) # new files too, not ignored ones
}

check_shell_scripts() {
  local files
  ensure_test_packages shellcheck
  mapfile -t files < <(shell_scripts)
  [ ${#files[@]} -gt 0 ] || die "shellcheck: no shell scripts found (git ls-files in $ROOT)"
  (cd "$ROOT" && shellcheck "${files[@]}") || die "shellcheck found problems in the shell scripts (above)"
  info "shellcheck $(shellcheck --version | sed -n 's/^version: //p'): ${#files[@]} scripts, no findings"
}
