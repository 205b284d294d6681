# shellcheck shell=bash
# The API gateway (krakend/): functions SOURCED by ./stack, not a script to run.
#
# They use what ./stack defines: info, die, alive PIDFILE, gone PID, port_open PORT, now_ms,
# record_startup NAME SECONDS, seconds_since MS and ROOT, STATE, RUN, LOGS, STORE_MANAGER_PORT,
# PAYMENT_PORT, READY_TIMEOUT.
# shellcheck disable=SC2154 # those variables are assigned in ./stack
#
#   build_gateway                      go build krakend/ into .stack/gateway/bin/krakend (skipped when up to date)
#   start_gateway [config] [port] [name]   check -t, then run in the background until GET /__health answers 200
#   stop_gateway [name]                SIGTERM (graceful: in-flight requests finish), SIGKILL after 10 s
#   kill_gateway [name]                kill -9, as in a crash
#   gateway_pid [name]                 the pid, if that process is this stack's gateway
#   gateway_status_line [name]         one line for ./stack status
#
# Environment: GATEWAY_PORT (default 8080); GATEWAY_HOST_MAP (default: the docker-compose hosts of
# krakend.json -> 127.0.0.1, both store-manager-1 and store-manager-2 -> STORE_MANAGER_PORT).

GATEWAY_DIR="$STATE/gateway"
GATEWAY_BIN="$GATEWAY_DIR/bin/krakend"
GATEWAY_VERSION=2.12.0 # the KrakenD CE release whose lura and krakend-ratelimit versions krakend/go.mod pins

# The sources that make the binary (krakend.json is read at start-up, it is not built in).
gateway_source_hash() {
  (cd "$ROOT/krakend" && find . -maxdepth 1 -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) \
      ! -name '*_test.go' -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

build_gateway() {
  command -v go >/dev/null 2>&1 || die "go is not installed (the gateway is built with Go >= 1.25)"
  local hash; hash=$(gateway_source_hash)
  if [ -x "$GATEWAY_BIN" ] && [ "$(cat "$GATEWAY_BIN.sha256" 2>/dev/null)" = "$hash" ]; then
    info "gateway: binary up to date ($GATEWAY_BIN)"; return
  fi
  mkdir -p "$GATEWAY_DIR/bin" "$LOGS"
  info "gateway: go build (first build downloads the modules: about 70 s; then a few seconds)"
  local t; t=$(now_ms)
  # Caches under .stack/gateway: per machine, and gone with `rm -rf .stack`. -mod=readonly: the
  # committed go.sum must be complete (the checksum database has no entry for krakend-ratelimit).
  (cd "$ROOT/krakend" && env GOMODCACHE="$GATEWAY_DIR/gomodcache" GOCACHE="$GATEWAY_DIR/gocache" \
      GOFLAGS=-mod=readonly go build -trimpath \
      -ldflags "-X github.com/luraproject/lura/v2/core.KrakendVersion=$GATEWAY_VERSION" \
      -o "$GATEWAY_BIN.new" .) >"$LOGS/gateway-build.log" 2>&1 \
    || { tail -30 "$LOGS/gateway-build.log"; die "building the gateway failed (see $LOGS/gateway-build.log)"; }
  mv -f "$GATEWAY_BIN.new" "$GATEWAY_BIN"
  echo "$hash" >"$GATEWAY_BIN.sha256"
  info "gateway: built in $(seconds_since "$t") s"
}

gateway_pid() { # [name]: the pid in the pid file, if that process runs our binary
  local pid; pid=$(cat "$RUN/${1:-gateway}.pid" 2>/dev/null) || return 0
  if tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF "$GATEWAY_BIN run "; then echo "$pid"; fi
}

start_gateway() { # [config] [port] [name]
  local config=${1:-$ROOT/krakend/krakend.json} port=${2:-${GATEWAY_PORT:-8080}} name=${3:-gateway}
  # krakend.json names the docker-compose hosts; here the services run on 127.0.0.1 (krakend/README.md).
  local map="http://store-manager-1:5000=http://127.0.0.1:$STORE_MANAGER_PORT"
  map+=",http://store-manager-2:5000=http://127.0.0.1:$STORE_MANAGER_PORT"
  map+=",http://payment:5009=http://127.0.0.1:$PAYMENT_PORT"
  local -a envs=("GATEWAY_HOST_MAP=${GATEWAY_HOST_MAP:-$map}" GATEWAY_LISTEN_IP=127.0.0.1 "GATEWAY_PORT=$port")
  mkdir -p "$RUN" "$LOGS"
  build_gateway
  if [ -n "$(gateway_pid "$name")" ]; then info "$name already running (pid $(gateway_pid "$name"))"; return; fi
  port_open "$port" && die "port $port is taken by another process (set GATEWAY_PORT to use another port)"
  env "${envs[@]}" "$GATEWAY_BIN" check -t -c "$config" >"$LOGS/$name-check.log" 2>&1 \
    || { cat "$LOGS/$name-check.log"; die "$name: $config does not pass krakend check -t"; }
  info "$name: $config: Syntax OK! (check -t)"
  local launched; launched=$(now_ms)
  printf '\n===== %s ./stack: starting %s\n' "$(date '+%F %T')" "$name" >>"$LOGS/$name.log"
  nohup env "${envs[@]}" "$GATEWAY_BIN" run -c "$config" >>"$LOGS/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
  echo "$port" >"$RUN/$name.port"
  # Ready = lura's own health endpoint answers 200 (the routes are mounted before the port opens).
  local deadline=$(( $(date +%s) + ${READY_TIMEOUT:-60} ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/__health")" = 200 ]; do
    alive "$RUN/$name.pid" || { tail -20 "$LOGS/$name.log"; die "$name exited while starting (see $LOGS/$name.log)"; }
    [ "$(date +%s)" -lt "$deadline" ] || { tail -20 "$LOGS/$name.log"; die "$name not ready after ${READY_TIMEOUT:-60} s"; }
    sleep 0.1
  done
  local took; took=$(seconds_since "$launched")
  record_startup "$name" "$took"
  info "$name: ready in $took s (http://127.0.0.1:$port, pid $(cat "$RUN/$name.pid"))"
}

stop_gateway() { # [name]: SIGTERM lets lura's server finish in-flight requests; SIGKILL after 10 s
  local name=${1:-gateway} pid t; pid=$(gateway_pid "$name"); t=$(date +%s)
  if [ -n "$pid" ]; then
    kill "$pid"
    until gone "$pid" || [ $(( $(date +%s) - t )) -ge 10 ]; do sleep 0.1; done
    if gone "$pid"; then info "$name stopped"
    else kill -9 "$pid"; until gone "$pid"; do sleep 0.1; done; info "$name killed: no clean shutdown within 10 s"; fi
  fi
  rm -f "$RUN/$name.pid" "$RUN/$name.port"
}

kill_gateway() { # [name]
  local name=${1:-gateway} pid; pid=$(gateway_pid "$name")
  if [ -z "$pid" ]; then info "$name is not running"; return; fi
  kill -9 "$pid"
  local deadline=$(( $(date +%s) + 10 ))
  until gone "$pid" || [ "$(date +%s)" -ge "$deadline" ]; do sleep 0.1; done
  rm -f "$RUN/$name.pid" "$RUN/$name.port"
  info "$name killed (kill -9 of pid $pid)"
}

gateway_status_line() { # [name]: same columns as ./stack status
  local name=${1:-gateway} port s=stopped health
  port=$(cat "$RUN/$name.port" 2>/dev/null || echo "${GATEWAY_PORT:-8080}")
  [ -n "$(gateway_pid "$name")" ] && s=running
  health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/__health" || true)
  [ "$health" = 000 ] && health=''
  printf '%-14s %-9s %s\n' "$name" "$s" "http://127.0.0.1:$port  /__health -> ${health:-no answer}"
}

test_gateway() { # the gateway's Go tests, then `check -t` of the real krakend.json (part of ./stack test)
  build_gateway
  (cd "$ROOT/krakend" && env GOMODCACHE="$GATEWAY_DIR/gomodcache" GOCACHE="$GATEWAY_DIR/gocache" \
      GOFLAGS=-mod=readonly go test -count=1 ./...) || die "the gateway's Go tests failed"
  "$GATEWAY_BIN" check -t -c "$ROOT/krakend/krakend.json" || die "krakend/krakend.json does not pass check -t"
}

# The benchmark's gateway: the same krakend.json, derived at run time (never a copied file) so that
# the limits do not hide the system's own capacity: the per-client limit is dropped and every
# max_rate and capacity multiplied by BENCH_GATEWAY_RATE_FACTOR (100). Routes, timeouts, headers and
# encodings stay as they are, so what is measured is the gateway users run.
derive_bench_gateway_config() { # out-file
  python3 - "$ROOT/krakend/krakend.json" "$1" "${BENCH_GATEWAY_RATE_FACTOR:-100}" <<'PY'
import json, sys
source, target, factor = sys.argv[1], sys.argv[2], int(sys.argv[3])
config = json.load(open(source))
for endpoint in config["endpoints"]:
    limit = endpoint.get("extra_config", {}).get("qos/ratelimit/router")
    if not limit:
        continue
    for key in ("client_max_rate", "client_capacity", "strategy", "key"):
        limit.pop(key, None)
    for key in ("max_rate", "capacity"):
        if key in limit:
            limit[key] *= factor
json.dump(config, open(target, "w"), indent=2)
PY
}
