# shellcheck shell=bash
# ./stack up and ./stack down: the whole stack started in order and waited for, or stopped. Functions SOURCED by
# ./stack, not a script to run.
#
#   cmd_up     packages, MariaDB, Redis, Kafka, build and deploy, the Liberty servers, /health/ready, the gateway
#   cmd_down   stop exactly what up started, in the reverse order; fails (status 1, the reason on stderr) if
#              MariaDB does not stop: something that was not running is not a failure
#
# They use the functions of the other parts (packages.sh, mariadb-redis.sh, kafka*.sh, liberty.sh, gateway.sh)
# and what ./stack defines: RUN, LOGS, the ports, KAFKA_TOPIC, KAFKA_MODE_FILE (kafka.sh), T0 (common.sh).
# shellcheck disable=SC2154 # those variables are assigned in ./stack, common.sh and kafka.sh

cmd_up() {
  mkdir -p "$RUN" "$LOGS"
  step "1/8 packages"; ensure_packages
  step "2/8 MariaDB"; start_mariadb; create_databases
  step "3/8 Redis"; start_redis
  step "4/8 Kafka"; kafka_switch_mode; start_kafka
  step "5/8 build and deploy"; build_and_deploy
  step "6/8 start Liberty servers"
  stop_server store-manager-2 # started on demand (./stack start store-manager-2): never left on an old build
  start_server store-manager "$STORE_MANAGER_PORT"
  start_server payment "$PAYMENT_PORT"
  step "7/8 wait for /health/ready"
  wait_ready store-manager "$STORE_MANAGER_PORT"
  wait_ready payment "$PAYMENT_PORT"
  step "8/8 API gateway (KrakenD's engine, krakend/)"
  stop_gateway # up always runs the current build and krakend.json
  start_gateway
  step "up in $(( $(date +%s) - T0 )) s"
  record_startup up "$(( $(date +%s) - T0 ))"
  cat <<MSG
    Gateway        http://127.0.0.1:${GATEWAY_PORT:-8080}   (/store-api/..., /payments-api/...)
    Store Manager  http://127.0.0.1:$STORE_MANAGER_PORT   (GraphQL: /graphql, OpenAPI: /openapi/ui)
    Payment        http://127.0.0.1:$PAYMENT_PORT
    MariaDB        127.0.0.1:$DB_PORT (databases store_manager, payment)
    Redis          127.0.0.1:$REDIS_PORT
    Kafka          $(kafka_bootstrap) (topics $KAFKA_TOPIC, $KAFKA_TOPIC.dlq)

    Try:  TOKEN=\$(./stack token manager | tail -1)
          curl -s http://127.0.0.1:${GATEWAY_PORT:-8080}/store-api/stocks/reports/overview-stocks -H "Authorization: Bearer \$TOKEN"
          curl -s -X POST http://127.0.0.1:${GATEWAY_PORT:-8080}/store-api/orders -H "Authorization: Bearer \$TOKEN" \\
               -H 'Content-Type: application/json' -d '{"user_id":1,"items":[{"product_id":2,"quantity":1}]}'
MSG
}

cmd_down() {
  stop_gateway
  stop_server store-manager-2
  stop_server store-manager
  stop_server payment
  stop_kafka
  if alive "$RUN/redis.pid"; then
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$RUN/redis.pid")"
    info "Redis stopped"
  fi
  # MariaDB last: the services above use it. If it does not stop, stop_mariadb says so on stderr; its pid file
  # stays (for ./stack stop|kill mariadb), the rest is cleaned up and down fails.
  if stop_mariadb; then
    rm -f "$RUN"/*.pid "$KAFKA_MODE_FILE" # the next up starts the mode its environment asks for
  else
    find "$RUN" -maxdepth 1 -name '*.pid' ! -name mariadb.pid -delete; rm -f "$KAFKA_MODE_FILE"
    return 1
  fi
}
