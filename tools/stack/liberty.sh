# shellcheck shell=bash
# The two Open Liberty servers (store-manager, payment) and the second Store Manager instance (store-manager-2):
# functions SOURCED by ./stack, not a script to run.
#
#   build_and_deploy           mvn install (no tests), stop the servers, then liberty:create + liberty:deploy of both WARs
#   launch_server NAME PORT    start a stopped server with the stack's environment (ports, database, Kafka, OTEL_*)
#   start_server NAME PORT     for up: stop it if it runs (an old build), then launch it
#   stop_server NAME           graceful (Liberty's own `server stop`)
#   wait_ready NAME PORT       until /health/ready and /health-check answer 200 (READY_TIMEOUT); records the start-up time
#   server_running NAME, server_port NAME, server_jvm_pid NAME, prepare_second_instance
#
# Each server logs to .stack/liberty/wlp/usr/servers/<name>/logs/messages.log (./stack logs <name>).
# They use what ./stack defines: info, die, port_open, now_ms, seconds_since, record_startup (common.sh),
# kafka_bootstrap (kafka.sh) and ROOT, RUN, LOGS, WLP, the ports, DB_USER, DB_PASSWORD, KAFKA_TOPIC, READY_TIMEOUT.
# shellcheck disable=SC2154 # those variables are assigned in ./stack and kafka.sh

build_and_deploy() {
  info "mvn install (tests skipped here; ./stack test runs them)"
  (cd "$ROOT" && mvn -q install -DskipTests) >"$LOGS/build.log" 2>&1 || { tail -40 "$LOGS/build.log"; die "build failed"; }
  # up restarts them anyway (start_server). Deployed into a running server, a new build is updated in place
  # (with a feature update when server.xml changed), and liberty:deploy then failed waiting for the start message
  # (CWWKM2187E, seen 2026-12-03 when bench/compare-builds.sh switched builds).
  stop_server store-manager-2
  stop_server store-manager
  stop_server payment
  info "liberty:create + liberty:deploy for store-manager and payment"
  (cd "$ROOT" && mvn -q -pl store-manager-war,payment-war liberty:create liberty:deploy) >>"$LOGS/build.log" 2>&1 \
    || { tail -40 "$LOGS/build.log"; die "Liberty server creation failed"; }
}

server_running() { [ -x "$WLP/bin/server" ] && "$WLP/bin/server" status "$1" >/dev/null 2>&1; }
server_port() {
  case $1 in
    store-manager) echo "$STORE_MANAGER_PORT" ;;
    store-manager-2) echo "$STORE_MANAGER_2_PORT" ;;
    payment) echo "$PAYMENT_PORT" ;;
  esac
}

# A second Store Manager instance (scale-out): a copy of the store-manager server (same build,
# database, Redis and consumer group) on its own port, refreshed from store-manager at each start.
prepare_second_instance() {
  local from="$WLP/usr/servers/store-manager" to="$WLP/usr/servers/store-manager-2"
  [ -d "$from" ] || die "store-manager is not deployed: run ./stack up first"
  mkdir -p "$to"
  (cd "$from" && tar cf - --exclude=./logs --exclude=./workarea --exclude=./tranlog .) | (cd "$to" && tar xf -)
}
stop_server() { # name: graceful (Liberty's own stop)
  server_running "$1" || return 0
  if "$WLP/bin/server" stop "$1" >/dev/null 2>&1; then info "$1 stopped"; else info "$1: server stop failed"; fi
}

# --clean: Liberty caches annotation scans of the loose WAR; after the jars it points to change,
# a stale cache can hide the JAX-RS application (every REST path 404 while GraphQL still works).
launch_server() { # name port: start a stopped server with the stack's environment (up and start)
  local name=$1 port=$2
  port_open "$port" && die "port $port is taken by another process"
  now_ms >"$RUN/$name.launched" # before: `server start` itself blocks until Liberty has started
  # DEPLOYMENT_ENVIRONMENT=development: this stack runs on the committed LOCAL DEVELOPMENT key and secret,
  # which the services refuse (readiness DOWN) anywhere else (DevelopmentCredentialsCheck).
  # Telemetry (docs/observability.md): the SDK runs, so traces propagate and logs carry trace ids; spans
  # are exported only where OTEL_TRACES_EXPORTER says (./stack test: otlp, to TraceIT's receiver).
  env HTTP_PORT="$port" DB_PORT="$DB_PORT" DB_USER="$DB_USER" DB_PASSWORD="$DB_PASSWORD" \
    OTEL_SDK_DISABLED="${OTEL_SDK_DISABLED:-false}" OTEL_SERVICE_NAME="${name%-2}" \
    PAYMENT_LINK_BASE_URL="${PAYMENT_LINK_BASE_URL:-http://127.0.0.1:${GATEWAY_PORT:-8080}}" \
    OTEL_RESOURCE_ATTRIBUTES="service.instance.id=$name" OTEL_TRACES_EXPORTER="${OTEL_TRACES_EXPORTER:-none}" \
    OTEL_METRICS_EXPORTER="${OTEL_METRICS_EXPORTER:-none}" OTEL_LOGS_EXPORTER="${OTEL_LOGS_EXPORTER:-none}" \
    REDIS_URI="redis://127.0.0.1:$REDIS_PORT" TEST_SLOW_ENABLED=true DEPLOYMENT_ENVIRONMENT=development \
    KAFKA_BOOTSTRAP_SERVERS="$(kafka_bootstrap)" KAFKA_TOPIC="$KAFKA_TOPIC" \
    "$WLP/bin/server" start "$name" --clean >"$LOGS/$name-start.log" 2>&1 || { cat "$LOGS/$name-start.log"; die "$name did not start"; }
  info "$name: JVM started, port $port"
}

start_server() { # name port (up: always runs the new build)
  if server_running "$1"; then
    info "$1: restarting with the new build"
    "$WLP/bin/server" stop "$1" >/dev/null 2>&1 || true
  fi
  launch_server "$1" "$2"
}

# The pid of a server's JVM. `server start` writes it to usr/servers/.pid/<name>.pid (workarea/ has no .sPid);
# it is trusted only if that process is this runtime's launcher for this server, else the command lines are
# searched for exactly that (a bare server name would also match the servers of another checkout).
server_jvm_pid() { # name
  local launcher="$WLP/bin/tools/ws-server.jar $1" pid
  pid=$(cat "$WLP/usr/servers/.pid/$1.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$launcher "; then
    echo "$pid"; return
  fi
  pgrep -f -- "$launcher( |\$)" | head -1 || true
}

wait_ready() { # name port
  local name=$1 port=$2 t; t=$(date +%s)
  local launched; launched=$(cat "$RUN/$name.launched" 2>/dev/null || true) # empty: not launched by this call
  local deadline=$(( t + READY_TIMEOUT ))
  # Ready = dependencies up (/health/ready) AND the REST application mapped (/health-check).
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ] &&
        [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health-check")" = 200 ]; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      curl -s "http://127.0.0.1:$port/health/ready" || true
      tail -30 "$WLP/usr/servers/$name/logs/messages.log" 2>/dev/null || true
      die "$name not ready after ${READY_TIMEOUT} s"
    fi
    sleep 0.2
  done
  if [ -n "$launched" ]; then
    local took; took=$(seconds_since "$launched")
    record_startup "$name" "$took"; rm -f "$RUN/$name.launched"
    info "$name: ready in $took s after launch (http://127.0.0.1:$port/health/ready)"
  else
    info "$name: ready (http://127.0.0.1:$port/health/ready)"
  fi
}
