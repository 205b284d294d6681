# shellcheck shell=bash
# Kafka, starting the brokers (see kafka.sh for the layout and the running mode, kafka-stop.sh for the rest).
# Functions SOURCED by ./stack, not a script to run.
#
#   start_kafka [N]   every broker of the mode, all JVMs at once, or node N alone. Ready: one broker answers a
#                     metadata request; a cluster: each broker answers and is registered, and node N started
#                     alone is also back in the ISR of each of its partitions. Then the saga topic and its .dlq
#                     are created if missing (a cluster: replication factor 3, min.insync.replicas=2).
#
# They use what ./stack and kafka.sh define.
# shellcheck disable=SC2154 # those variables are assigned in ./stack and kafka.sh

launch_kafka_node() { # node: its JVM in the background; the caller waits until it is ready
  local n=$1 name heap; name=$(kafka_name "$1")
  read -ra heap <<<"$KAFKA_HEAP_OPTS"
  printf '\n===== %s ./stack: starting the broker\n' "$(date '+%F %T')" >>"$LOGS/$name.log"
  nohup java "${heap[@]}" -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$KAFKA_DIR/log4j.properties" -cp "$KAFKA_DIR/lib/*" \
    kafka.Kafka "$(kafka_node_dir "$n")/server.properties" >>"$LOGS/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
  info "$(kafka_label "$n"): JVM started (pid $!), ports $(kafka_client_port "$n") (clients) and $(kafka_controller_port "$n") (controller)"
}

kafka_answering_ids() { # the ids of the registered brokers that answer, one per line
  kafka_tool kafka.admin.BrokerApiVersionsCommand --bootstrap-server "$(kafka_bootstrap)" \
    --command-config "$KAFKA_DIR/admin.properties" 2>>"$LOGS/kafka-tools.log" \
    | sed -nE 's/^[^ ]+ \(id: ([0-9]+) rack: [^)]*\) -> \($/\1/p' || true
}

kafka_out_of_sync() { # node: its partitions whose ISR lacks it (empty if the brokers do not answer)
  kafka_topics --describe 2>>"$LOGS/kafka-tools.log" | awk -v n="$1" '
    /Replicas:/ { r = ""; i = ""
                  for (f = 1; f < NF; f++) { if ($f == "Replicas:") r = $(f + 1); if ($f == "Isr:") i = $(f + 1) }
                  if (index("," r ",", "," n ",")) { total++; if (!index("," i ",", "," n ",")) out++ } }
    END { if (total) print out + 0 }' || true
}

kafka_wait() { # launched-nodes... -- condition...: poll the condition until it holds, KAFKA_READY_TIMEOUT at most
  local deadline=$(( $(date +%s) + KAFKA_READY_TIMEOUT )) launched=() n
  while [ "$1" != -- ]; do launched+=("$1"); shift; done; shift
  until "$@"; do
    for n in "${launched[@]}"; do
      [ -n "$(kafka_pid "$n")" ] && continue
      tail -30 "$LOGS/$(kafka_name "$n").log"; die "$(kafka_label "$n") exited while starting (see $LOGS/$(kafka_name "$n").log)"
    done
    [ "$(date +%s)" -lt "$deadline" ] || die "Kafka: not ready after $KAFKA_READY_TIMEOUT s ($*; see $LOGS/kafka*.log)"
    sleep 0.2
  done
}
kafka_lists_topics() { port_open "$(kafka_client_port 1)" && KAFKA_TOPIC_LIST=$(kafka_topics --list 2>>"$LOGS/kafka-tools.log"); }
kafka_registered() { # nodes...: each one answers and is registered
  local ids n
  # The client port opens once the broker is unfenced: no tool JVM (seconds of CPU) before that.
  for n in "$@"; do port_open "$(kafka_client_port "$n")" || return 1; done
  ids=$(kafka_answering_ids)
  for n in "$@"; do grep -qx "$n" <<<"$ids" || return 1; done
}
kafka_in_sync() { [ "$(kafka_out_of_sync "$1")" = 0 ]; }

start_kafka() { # [node]
  local one=${1:-} n t port launched_ms='' todo=() nodes
  [ "$KAFKA_BROKERS" = 3 ] || one='' # kafka-1 of one broker is the whole of Kafka
  kafka_check_mode
  if [ -n "$one" ]; then nodes=$one; else nodes=$(kafka_nodes); fi
  for n in $nodes; do
    if [ -n "$(kafka_pid "$n")" ]; then info "$(kafka_label "$n") already running (pid $(kafka_pid "$n"))"; else todo+=("$n"); fi
  done
  record_kafka_mode
  t=$(date +%s)
  if [ ${#todo[@]} -gt 0 ]; then
    for n in "${todo[@]}"; do
      for port in "$(kafka_client_port "$n")" "$(kafka_controller_port "$n")"; do
        port_open "$port" && die "port $port is taken by another process (set KAFKA_PORT, KAFKA_CONTROLLER_PORT)"
      done
    done
    fetch_kafka
    write_kafka_config
    format_kafka
    t=$(date +%s); launched_ms=$(now_ms)
    for n in "${todo[@]}"; do launch_kafka_node "$n"; done # all at once: a quorum of 3 needs 2 of them up
  fi
  # Ready = the broker answers a metadata request (TopicCommand --list), not merely an open port; a cluster:
  # every broker answers and is registered (BrokerApiVersionsCommand lists it).
  if [ "$KAFKA_BROKERS" = 1 ]; then kafka_wait "${todo[@]}" -- kafka_lists_topics
  else
    # shellcheck disable=SC2086 # nodes: a list of node numbers
    kafka_wait "${todo[@]}" -- kafka_registered $nodes
    if [ -n "$one" ]; then
      kafka_wait "${todo[@]}" -- kafka_in_sync "$one"
      info "kafka-$one: back in the cluster in $(( $(date +%s) - t )) s (registered, in the ISR of each of its partitions)"
      return
    fi
    kafka_wait -- kafka_lists_topics
  fi
  info "Kafka: ready in $(( $(date +%s) - t )) s ($(kafka_bootstrap))"
  if [ -n "$launched_ms" ] && [ -z "$one" ]; then record_startup kafka "$(seconds_since "$launched_ms")"; fi
  create_kafka_topics
}

create_kafka_topics() { # the saga topic and its dead-letter topic, if missing (KAFKA_TOPIC_LIST: what exists)
  local topic config=() isr=1 what="$KAFKA_PARTITIONS partitions, replication factor $KAFKA_REPLICATION_FACTOR"
  if [ "$KAFKA_BROKERS" = 3 ]; then
    [ "$KAFKA_REPLICATION_FACTOR" -lt 3 ] || isr=2 # a write then survives one broker down
    config=(--config "min.insync.replicas=$isr"); what+=", min.insync.replicas=$isr"
  fi
  # .it: the in-container test server's own topic, which nothing publishes to (liberty-config/store-manager-it).
  for topic in "$KAFKA_TOPIC" "$KAFKA_TOPIC.dlq" "$KAFKA_TOPIC.it"; do
    if grep -qxF "$topic" <<<"$KAFKA_TOPIC_LIST"; then info "topic $topic: exists"; continue; fi
    kafka_topics --create --if-not-exists --topic "$topic" --partitions "$KAFKA_PARTITIONS" \
      --replication-factor "$KAFKA_REPLICATION_FACTOR" "${config[@]}" >>"$LOGS/kafka-tools.log" 2>&1 \
      || { tail -20 "$LOGS/kafka-tools.log"; die "creating topic $topic failed"; }
    info "topic $topic: created ($what)"
  done
}
