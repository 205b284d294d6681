# shellcheck shell=bash
# ./stack stop|start|kill <component>: fault injection on a stack already up, with no build. Functions SOURCED by
# ./stack, not a script to run.
#
#   cmd_fault stop|start|kill NAME   checks the component's name, then runs that command
#   cmd_stop NAME    graceful stop (Liberty's server stop, SIGTERM, mariadb-admin or redis-cli shutdown)
#   cmd_start NAME   the start functions of `up`, with its environment, then wait until ready
#   cmd_kill NAME    kill -9 of the process, as in a crash
#
# Components: kafka (every broker), kafka-1, kafka-2, kafka-3 (a cluster: KAFKA_BROKERS=3), store-manager,
# store-manager-2 (a second instance, prepared on its first start), payment, gateway, mariadb, redis.
# They use the functions of the other parts: liberty.sh, gateway.sh, kafka*.sh, mariadb-redis.sh.
# shellcheck disable=SC2154 # WLP is assigned in ./stack

cmd_fault() { # stop|start|kill name
  case "$2" in
    kafka|kafka-[123]|store-manager|store-manager-2|payment|gateway|mariadb|redis) "cmd_$1" "$2" ;;
    *) die "$1: which one? kafka (every broker), kafka-1, kafka-2, kafka-3, store-manager, store-manager-2, payment, gateway, mariadb or redis" ;;
  esac
}

cmd_stop() { # name: graceful
  case $1 in
    gateway) if [ -n "$(gateway_pid)" ]; then stop_gateway; else info "the gateway is not running"; fi ;;
    kafka|kafka-[123]) local node; node=$(kafka_node_of "$1"); stop_kafka "$node" ;;
    mariadb) stop_mariadb ;;
    redis) stop_redis ;;
    *) if server_running "$1"; then stop_server "$1"; else info "$1 is not running"; fi ;;
  esac
}

cmd_start() { # name: the start functions of `up`, then wait until ready
  mkdir -p "$RUN" "$LOGS"
  step "start $1"
  case $1 in
    kafka|kafka-[123]) local node; node=$(kafka_node_of "$1"); start_kafka "$node" ;;
    gateway) start_gateway ;;
    mariadb) start_mariadb ;;
    redis) start_redis ;;
    *) [ "$1" = store-manager-2 ] && ! server_running "$1" && prepare_second_instance
       [ -d "$WLP/usr/servers/$1" ] || die "$1 is not deployed: run ./stack up first"
       if server_running "$1"; then info "$1 already running"; else launch_server "$1" "$(server_port "$1")"; fi
       wait_ready "$1" "$(server_port "$1")" ;;
  esac
}

cmd_kill() { # name: kill -9, as in a crash
  case $1 in
    gateway) kill_gateway ;;
    kafka|kafka-[123]) local node; node=$(kafka_node_of "$1"); kill_kafka "$node" ;;
    mariadb) kill_mariadb ;;
    redis) kill_redis ;;
    *) kill_pid "$1" "$(server_jvm_pid "$1")" ;;
  esac
}
