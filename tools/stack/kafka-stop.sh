# shellcheck shell=bash
# Kafka, everything but the start (see kafka.sh for the layout and the running mode): functions SOURCED by ./stack.
#
#   stop_kafka [N]       SIGTERM (a clean shutdown spares the next start a log recovery), SIGKILL after 30 s;
#                        every broker of this stack at once (whatever the mode), or node N
#   kill_kafka [N]       kill -9, as in a crash; every broker, or node N
#   kafka_node_of NAME   kafka -> '' (every broker), kafka-N -> N; kafka-2 and kafka-3 exist with KAFKA_BROKERS=3
#   kafka_check_mode     die if brokers of another mode than the one asked run (start_kafka calls it)
#   kafka_switch_mode    for up: stop the brokers of another mode than the one asked, so that it can start
#   kafka_status_lines   for ./stack status: one line per broker
#
# They use what ./stack and kafka.sh define.
# shellcheck disable=SC2154 # those variables are assigned in ./stack and kafka.sh

kafka_node_of() { # name
  case $1 in
    kafka) echo '' ;;
    kafka-1) echo 1 ;;
    kafka-2|kafka-3)
      [ "$KAFKA_BROKERS" = 3 ] || die "$1: Kafka runs as one broker (kafka-1); a cluster of three needs KAFKA_BROKERS=3 ./stack up"
      echo "${1#kafka-}" ;;
    *) die "unknown Kafka node '$1' (kafka, kafka-1, kafka-2 or kafka-3)" ;;
  esac
}

kafka_check_mode() {
  local running; running=$(kafka_running_mode_text)
  if [ -z "$running" ] || [ "$running" = "$(kafka_mode_text)" ]; then return 0; fi
  die "Kafka runs as $running, and this asks for $(kafka_mode_text) (KAFKA_BROKERS, KAFKA_PORT): drop those variables, stop it first (./stack stop kafka) or let ./stack up switch"
}

kafka_switch_mode() {
  local running; running=$(kafka_running_mode_text)
  if [ -z "$running" ] || [ "$running" = "$(kafka_mode_text)" ]; then return 0; fi
  info "Kafka runs as $running, asked: $(kafka_mode_text); stopping it to start the one asked"
  info "(the two modes keep separate data; the Liberty servers restart below with the new bootstrap list)"
  stop_kafka '' # every broker
}

kafka_signal() { # signal node...: send it to the nodes that run; prints "pid label" for each
  local sig=$1 n pid; shift
  for n in "$@"; do
    pid=$(kafka_pid "$n")
    [ -n "$pid" ] || continue
    kill "-$sig" "$pid"; echo "$pid $(kafka_label "$n")"
  done
}

kafka_forget() { local n; for n in "$@"; do rm -f "$RUN/$(kafka_name "$n").pid"; done; } # node...

stop_kafka() { # [node]
  local nodes t pid label signalled
  nodes=${1:-1 2 3}
  # shellcheck disable=SC2086 # nodes: a list of node numbers
  signalled=$(kafka_signal TERM $nodes); t=$(date +%s)
  if [ -z "$signalled" ]; then info "$(if [ -n "${1:-}" ]; then kafka_label "$1"; else echo Kafka; fi) is not running"; fi
  # All at once: stopped one by one, the last nodes of a cluster lose their quorum in the middle of it.
  while read -r pid label; do
    [ -n "$pid" ] || continue
    until gone "$pid" || [ $(( $(date +%s) - t )) -ge 30 ]; do sleep 0.2; done
    if gone "$pid"; then info "$label stopped (clean shutdown in $(( $(date +%s) - t )) s)"
    else kill -9 "$pid"; until gone "$pid"; do sleep 0.1; done; info "$label killed: no clean shutdown within 30 s"; fi
  done <<<"$signalled"
  # shellcheck disable=SC2086
  kafka_forget $nodes
}

kill_kafka() { # [node]
  local nodes pid label signalled deadline
  nodes=${1:-1 2 3}
  # shellcheck disable=SC2086 # nodes: a list of node numbers
  signalled=$(kafka_signal KILL $nodes); deadline=$(( $(date +%s) + 10 ))
  if [ -z "$signalled" ]; then info "$(if [ -n "${1:-}" ]; then kafka_label "$1"; else echo Kafka; fi) is not running"; fi
  while read -r pid label; do
    [ -n "$pid" ] || continue
    until gone "$pid" || [ "$(date +%s)" -ge "$deadline" ]; do sleep 0.1; done
    info "$label killed (kill -9 of pid $pid)"
  done <<<"$signalled"
  # shellcheck disable=SC2086
  kafka_forget $nodes
}

kafka_status_lines() { # same columns as ./stack status
  local n s up=0
  if [ "$KAFKA_BROKERS" = 1 ]; then
    s=stopped; [ -n "$(kafka_pid 1)" ] && s=running
    printf '%-14s %-9s %s\n' kafka "$s" "127.0.0.1:$KAFKA_PORT  (controller :$KAFKA_CONTROLLER_PORT, topic $KAFKA_TOPIC)"
    return
  fi
  for n in $(kafka_nodes); do
    s=stopped; if [ -n "$(kafka_pid "$n")" ]; then s=running; up=$(( up + 1 )); fi
    printf '%-14s %-9s %s\n' "kafka-$n" "$s" "127.0.0.1:$(kafka_client_port "$n")  (controller :$(kafka_controller_port "$n"))"
  done
  printf '%-14s %-9s %s\n' kafka "$up/3 up" \
    "$(kafka_bootstrap)  (topic $KAFKA_TOPIC, replication factor $KAFKA_REPLICATION_FACTOR)"
}
