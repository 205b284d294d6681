# shellcheck shell=bash
# ./stack status and ./stack logs: what runs, where, whether it is ready, and what it wrote. Functions SOURCED by
# ./stack, not a script to run.
#
#   stack_ready   both services answer 200 on /health/ready (bench, chaos and schemathesis need it)
#   cmd_status    one line per component: state, address, health
#   cmd_logs      ./stack logs [COMPONENT] [-f]: one log's last 100 lines (store-manager's by default); -f follows
#
# Where the logs are: each Liberty server in .stack/liberty/wlp/usr/servers/<name>/logs/messages.log; the gateways,
# MariaDB, Redis and the Kafka brokers in .stack/logs/<name>.log (Kafka's node 1: kafka.log, in either mode).
# They use what ./stack defines: die, alive (common.sh), server_running (liberty.sh), kafka_status_lines,
# gateway_status_line (gateway.sh) and RUN, LOGS, WLP, the ports.
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

cmd_logs() {
  local which=${1:-store-manager} follow=${2:-}
  local file
  case "$which" in
    store-manager|store-manager-2|payment) file="$WLP/usr/servers/$which/logs/messages.log" ;;
    gateway|mariadb|redis|kafka|kafka-2|kafka-3) file="$LOGS/$which.log" ;;
    kafka-1) file="$LOGS/kafka.log" ;;
    *) die "logs: unknown component '$which' (store-manager, store-manager-2, payment, gateway, mariadb, redis, kafka, kafka-2, kafka-3)" ;;
  esac
  [ -f "$file" ] || die "no log yet at $file"
  if [ "$follow" = -f ]; then tail -n 100 -f "$file"; else tail -n 100 "$file"; fi
}
