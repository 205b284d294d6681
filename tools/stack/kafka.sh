# shellcheck shell=bash
# Kafka: the layout, the running mode, the command-line tools and the jars. Functions SOURCED by ./stack, not a
# script to run. kafka-config.sh writes the brokers' files, kafka-start.sh and kafka-stop.sh run them.
#
# Real Apache Kafka brokers in KRaft combined mode (each JVM is a broker and a controller), run from Apache's
# jars on Maven Central, resolved by tools/kafka/pom.xml into .stack/kafka/lib.
#   KAFKA_BROKERS=1 (default): node 1 alone (config .stack/kafka/server.properties, data .stack/kafka/data).
#   KAFKA_BROKERS=3: nodes 1 to 3, one quorum of 3 voters, in .stack/kafka/cluster3/ with its own cluster id
#     (node-N/server.properties, node-N/data). Node N listens on KAFKA_PORT+2(N-1) for clients and on
#     KAFKA_CONTROLLER_PORT+2(N-1) for the controllers: 9092/9093, 9094/9095, 9096/9097 by default.
# In both modes node 1 has $RUN/kafka.pid and $LOGS/kafka.log, node N $RUN/kafka-N.pid and $LOGS/kafka-N.log.
#
# The running mode ($RUN/kafka.mode, written when Kafka starts, removed by ./stack down) fills in what the
# environment leaves unset, so that `KAFKA_BROKERS=3 ./stack up` once is enough for later commands.
#
#   kafka_pid [N]                the pid of node N (default 1), if it runs
#   kafka_bootstrap              the bootstrap list of the running mode (127.0.0.1:9092,127.0.0.1:9094,...)
#   kafka_tool CLASS args...     a Kafka command-line tool (its log: warnings, on stderr)
#   kafka_topics args...         TopicCommand against the brokers, with client timeouts of seconds
#   kafka_nodes, kafka_name N, kafka_label N, kafka_client_port N, kafka_controller_port N
#   kafka_mode_text, kafka_running_mode_text   "3 brokers (127.0.0.1:9092,...)": asked, and running (empty: none)
#   fetch_kafka                  the jars (once per clone, again when tools/kafka/pom.xml changes)
#   record_kafka_mode            write $RUN/kafka.mode (start_kafka does, when Kafka starts)
#
# They use what ./stack defines: info, die, ROOT, STATE, RUN, LOGS.
# shellcheck disable=SC2154 # those variables are assigned in ./stack

KAFKA_DIR="$STATE/kafka"
KAFKA_MODE_FILE="$RUN/kafka.mode"
kafka_recorded() { sed -n "s/^$1=//p" "$KAFKA_MODE_FILE" 2>/dev/null || true; } # key: from the running mode

KAFKA_BROKERS="${KAFKA_BROKERS:-$(kafka_recorded brokers)}"; KAFKA_BROKERS="${KAFKA_BROKERS:-1}"
KAFKA_PORT="${KAFKA_PORT:-$(kafka_recorded port)}"; KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$(kafka_recorded controller_port)}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
case $KAFKA_BROKERS in
  1|3) ;;
  *) die "KAFKA_BROKERS must be 1 (one broker) or 3 (a cluster of three), not '$KAFKA_BROKERS'" ;;
esac
KAFKA_TOPIC="${KAFKA_TOPIC:-order-saga-events}"
KAFKA_PARTITIONS="${KAFKA_PARTITIONS:-6}"
if [ "$KAFKA_BROKERS" = 1 ]; then KAFKA_REPLICATION_FACTOR="${KAFKA_REPLICATION_FACTOR:-1}"
else KAFKA_REPLICATION_FACTOR="${KAFKA_REPLICATION_FACTOR:-3}"; fi
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}" # per broker
# Three JVMs recovering their logs on 2 cores, a quorum to elect, and the old incarnations of crashed
# brokers to expire (9 s) took 39 s after a kill -9 of two of them.
if [ "$KAFKA_BROKERS" = 1 ]; then KAFKA_READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-60}"
else KAFKA_READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-120}"; fi

kafka_nodes() { seq 1 "$KAFKA_BROKERS"; }
kafka_name() { if [ "$1" = 1 ]; then echo kafka; else echo "kafka-$1"; fi; } # node: its pid file and log
kafka_label() { # node: for messages, in the running mode (while up switches, the old one)
  local brokers; brokers=$(kafka_recorded brokers)
  if [ "${brokers:-$KAFKA_BROKERS}" = 1 ] && [ "$1" = 1 ]; then echo Kafka; else echo "kafka-$1"; fi
}
kafka_client_port() { echo $(( KAFKA_PORT + 2 * ($1 - 1) )); }
kafka_controller_port() { echo $(( KAFKA_CONTROLLER_PORT + 2 * ($1 - 1) )); }
kafka_layout_dir() { if [ "$KAFKA_BROKERS" = 1 ]; then echo "$KAFKA_DIR"; else echo "$KAFKA_DIR/cluster$KAFKA_BROKERS"; fi; }
kafka_node_dir() { if [ "$KAFKA_BROKERS" = 1 ]; then echo "$KAFKA_DIR"; else echo "$(kafka_layout_dir)/node-$1"; fi; }

kafka_layout_bootstrap() { # the client ports of the asked layout, comma-separated
  local n list=()
  for n in $(kafka_nodes); do list+=("127.0.0.1:$(kafka_client_port "$n")"); done
  (IFS=,; echo "${list[*]}")
}

kafka_bootstrap() { # what clients use: the running mode's list, else the asked layout's
  local recorded; recorded=$(kafka_recorded bootstrap)
  echo "${recorded:-$(kafka_layout_bootstrap)}"
}

kafka_mode_text() { # the asked mode, as messages show it
  local s=''; [ "$KAFKA_BROKERS" = 1 ] || s=s
  echo "$KAFKA_BROKERS broker$s ($(kafka_layout_bootstrap))"
}

kafka_running_mode_text() { # the mode of the brokers that run now; empty if none runs
  local n any=''
  for n in 1 2 3; do [ -n "$(kafka_pid "$n")" ] && any=yes; done
  [ -n "$any" ] || return 0
  local brokers bootstrap s=''
  brokers=$(kafka_recorded brokers); bootstrap=$(kafka_recorded bootstrap)
  # A broker started before kafka.mode existed: one broker, on the ports of the environment.
  [ -n "$brokers" ] || { brokers=1; bootstrap="127.0.0.1:$KAFKA_PORT"; }
  [ "$brokers" = 1 ] || s=s
  echo "$brokers broker$s ($bootstrap)"
}

record_kafka_mode() {
  mkdir -p "$RUN"
  cat >"$KAFKA_MODE_FILE" <<MODE
# Written by ./stack when Kafka starts: later commands use this mode where the environment does not say.
brokers=$KAFKA_BROKERS
port=$KAFKA_PORT
controller_port=$KAFKA_CONTROLLER_PORT
bootstrap=$(kafka_layout_bootstrap)
MODE
}

kafka_tool() { # main-class args...: short-lived, so C1 only and the serial GC (a quarter faster to start)
  java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j.configuration="file:$KAFKA_DIR/tools-log4j.properties" \
    -cp "$KAFKA_DIR/lib/*" "$@"
}

kafka_topics() { # args...
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$(kafka_bootstrap)" \
    --command-config "$KAFKA_DIR/admin.properties" "$@"
}

fetch_kafka() {
  # lib/pom.xml records what the jars were resolved from: once per clone, again only if tools/kafka/pom.xml changes.
  if cmp -s "$ROOT/tools/kafka/pom.xml" "$KAFKA_DIR/lib/pom.xml"; then info "Kafka jars: present"; return; fi
  local t jars; t=$(date +%s)
  info "fetching the Kafka jars from Maven Central (tools/kafka/pom.xml)"
  rm -rf "$KAFKA_DIR/lib.tmp"
  (cd "$ROOT" && mvn -q -f tools/kafka/pom.xml dependency:copy-dependencies -DoutputDirectory="$KAFKA_DIR/lib.tmp") \
    >"$LOGS/kafka-fetch.log" 2>&1 || { tail -40 "$LOGS/kafka-fetch.log"; die "fetching the Kafka jars failed"; }
  cp "$ROOT/tools/kafka/pom.xml" "$KAFKA_DIR/lib.tmp/pom.xml"
  rm -rf "${KAFKA_DIR:?}/lib"; mv "$KAFKA_DIR/lib.tmp" "$KAFKA_DIR/lib"
  jars=("$KAFKA_DIR"/lib/*.jar)
  info "Kafka jars: ${#jars[@]} jars ($(du -sh "$KAFKA_DIR/lib" | cut -f1)) fetched in $(( $(date +%s) - t )) s"
}

kafka_pid() { # [node]: the pid of node N (default 1), if that process is this stack's broker (either mode)
  local pid; pid=$(cat "$RUN/$(kafka_name "${1:-1}").pid" 2>/dev/null) || return 0
  if tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF "kafka.Kafka $KAFKA_DIR/"; then echo "$pid"; fi
}
