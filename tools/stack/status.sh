# shellcheck shell=bash
# ./stack status and ./stack logs: what runs, where, whether it is ready, and what it wrote. Functions SOURCED by
# ./stack, not a script to run.
#
#   stack_ready   both services answer 200 on /health/ready (bench, chaos and schemathesis need it)
#   cmd_status    one line per component: state, address, health
#   cmd_logs      ./stack logs [all|COMPONENT] [-f]: one log's last 100 lines, as before; with no component (or
#                 all), the last 20 lines of every log there is, each under its name; kafka: every broker of the
#                 running mode (KAFKA_BROKERS), labelled like ./stack status; -f follows (tail -f)
#
# Where the logs are: each Liberty server in .stack/liberty/wlp/usr/servers/<name>/logs/messages.log; the gateways,
# MariaDB, Redis and the Kafka brokers in .stack/logs/<name>.log (Kafka's node 1: kafka.log, in either mode).
# They use what ./stack defines: die, alive (common.sh), server_running (liberty.sh), kafka_status_lines,
# kafka_nodes (kafka*.sh), gateway_status_line (gateway.sh) and RUN, LOGS, WLP, the ports, KAFKA_BROKERS.
# shellcheck disable=SC2154 # those variables are assigned in ./stack and kafka.sh

stack_ready() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$STORE_MANAGER_PORT/health/ready")" = 200 ] &&
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PAYMENT_PORT/health/ready")" = 200 ]
}

cmd_status() {
  printf '%-14s %-9s %s\n' component state detail
  local s
  s=stopped; alive "$RUN/mariadb.pid" && s=running; printf '%-14s %-9s %s\n' mariadb "$s" "127.0.0.1:$DB_PORT"
  s=stopped; alive "$RUN/redis.pid" && s=running; printf '%-14s %-9s %s\n' redis "$s" "127.0.0.1:$REDIS_PORT"
  kafka_status_lines
  for pair in "store-manager:$STORE_MANAGER_PORT" "store-manager-2:$STORE_MANAGER_2_PORT" "payment:$PAYMENT_PORT"; do
    local name=${pair%%:*} port=${pair##*:} ready
    s=stopped; server_running "$name" && s=running
    [ "$name" = store-manager-2 ] && [ "$s" = stopped ] && continue # only shown when started
    ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)
    printf '%-14s %-9s %s\n' "$name" "$s" "http://127.0.0.1:$port  /health/ready -> ${ready:-no answer}"
  done
  gateway_status_line
}

log_file() { # component: the file it writes its log to
  case $1 in
    store-manager|store-manager-2|payment) echo "$WLP/usr/servers/$1/logs/messages.log" ;;
    kafka|kafka-1) echo "$LOGS/kafka.log" ;; # node 1, in either mode
    *) echo "$LOGS/$1.log" ;; # gateway, gateway-bench (the benchmark's and chaos's), mariadb, redis, kafka-2, kafka-3
  esac
}

kafka_log_names() { # the brokers of the running mode, named as ./stack status names them
  local n
  if [ "$KAFKA_BROKERS" = 1 ]; then echo kafka; else for n in $(kafka_nodes); do echo "kafka-$n"; done; fi
}

cmd_logs() { # [all|component] [-f]
  local which=${1:-all} follow=${2:-} names=() name file shown=() files=()
  if [ "$which" = -f ]; then which=all follow=-f; fi
  case "$which" in
    all) names=(store-manager store-manager-2 payment gateway gateway-bench mariadb redis)
         for name in $(kafka_log_names); do names+=("$name"); done ;;
    kafka) for name in $(kafka_log_names); do names+=("$name"); done ;; # every broker, as in ./stack stop kafka
    store-manager|store-manager-2|payment|gateway|gateway-bench|mariadb|redis|kafka-1|kafka-2|kafka-3) names=("$which") ;;
    *) die "logs: unknown component '$which' (all, store-manager, store-manager-2, payment, gateway, gateway-bench, mariadb, redis, kafka, kafka-1, kafka-2, kafka-3)" ;;
  esac
  if [ ${#names[@]} -eq 1 ]; then # one log, as it is
    file=$(log_file "${names[0]}")
    [ -f "$file" ] || die "no log yet at $file"
    if [ "$follow" = -f ]; then tail -n 100 -f "$file"; else tail -n 100 "$file"; fi
    return
  fi
  # Several: those that exist (store-manager-2 and gateway-bench once they have been started), each labelled.
  for name in "${names[@]}"; do
    file=$(log_file "$name")
    if [ -f "$file" ]; then shown+=("$name"); files+=("$file"); fi
  done
  [ ${#files[@]} -gt 0 ] || die "no logs yet (in $LOGS and $WLP/usr/servers/*/logs)"
  if [ "$follow" = -f ]; then tail -n 20 -f "${files[@]}"; return; fi # tail names each file as it prints from it
  for name in "${shown[@]}"; do
    printf '==> %s: %s <==\n' "$name" "$(log_file "$name")"
    tail -n 20 "$(log_file "$name")"
    echo
  done
}
