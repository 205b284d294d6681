# shellcheck shell=bash
# Kafka, the files of the brokers (see kafka.sh for the layout): functions SOURCED by ./stack.
#
#   write_kafka_config   every node's server.properties and the tools' files, rewritten before every start
#                        so that they always follow the ports of the environment
#   format_kafka         once per node: KRaft needs a formatted log directory (meta.properties) before its
#                        first start; the nodes of a cluster share one cluster id
#
# They use what ./stack and kafka.sh define.
# shellcheck disable=SC2154 # those variables are assigned in ./stack and kafka.sh

write_kafka_config() {
  local n ports=() voters=()
  for n in $(kafka_nodes); do
    ports+=("$(kafka_client_port "$n")" "$(kafka_controller_port "$n")")
    voters+=("$n@127.0.0.1:$(kafka_controller_port "$n")")
  done
  [ "$(printf '%s\n' "${ports[@]}" | sort -u | wc -l)" = "${#ports[@]}" ] \
    || die "Kafka ports collide (${ports[*]}): node N uses KAFKA_PORT+2(N-1) and KAFKA_CONTROLLER_PORT+2(N-1)"
  for n in $(kafka_nodes); do write_kafka_node_config "$n" "$(IFS=,; echo "${voters[*]}")"; done
  cat >"$KAFKA_DIR/log4j.properties" <<'PROPS'
# Each broker logs to stdout, which ./stack appends to .stack/logs/kafka.log (kafka-N.log for node N).
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
PROPS
  cat >"$KAFKA_DIR/tools-log4j.properties" <<'PROPS'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS
  cat >"$KAFKA_DIR/admin.properties" <<'PROPS'
# Admin client of ./stack's command-line tools: give up after seconds, not the default 60 s.
request.timeout.ms=5000
default.api.timeout.ms=10000
PROPS
}

write_kafka_node_config() { # node voters
  local n=$1 dir; dir=$(kafka_node_dir "$1")
  mkdir -p "$dir/data"
  {
    cat <<PROPS
# Written by ./stack before each start of the broker: change the script or its environment, not this file.
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$2
listeners=PLAINTEXT://127.0.0.1:$(kafka_client_port "$n"),CONTROLLER://127.0.0.1:$(kafka_controller_port "$n")
advertised.listeners=PLAINTEXT://127.0.0.1:$(kafka_client_port "$n")
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$dir/data
PROPS
    if [ "$KAFKA_BROKERS" = 1 ]; then
      cat <<'PROPS'
# One broker: the internal topics can only have one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
PROPS
    else
      cat <<'PROPS'
# Three brokers: every partition on all three, and a write (acks=all) needs two of them in sync, so one
# broker may be down without losing an acknowledged record or refusing writes.
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
default.replication.factor=3
min.insync.replicas=2
PROPS
    fi
    cat <<'PROPS'
# Topics are created by ./stack with explicit partition counts, never implicitly on first use.
auto.create.topics.enable=false
# Consumer groups start at once instead of waiting 3 s for more members.
group.initial.rebalance.delay.ms=0
PROPS
  } >"$dir/server.properties"
}

format_kafka() {
  local n id idfile; idfile="$(kafka_layout_dir)/cluster.id"
  for n in $(kafka_nodes); do
    [ -f "$(kafka_node_dir "$n")/data/meta.properties" ] && continue
    if [ -z "${id:-}" ]; then
      if [ -s "$idfile" ]; then id=$(cat "$idfile")
      else id=$(kafka_tool kafka.tools.StorageTool random-uuid) || die "kafka StorageTool random-uuid failed"
           echo "$id" >"$idfile"; fi
    fi
    kafka_tool kafka.tools.StorageTool format -t "$id" -c "$(kafka_node_dir "$n")/server.properties" \
      >>"$LOGS/kafka-format.log" 2>&1 || { tail -20 "$LOGS/kafka-format.log"; die "formatting the Kafka storage failed"; }
    info "Kafka storage formatted in $(kafka_node_dir "$n")/data (cluster id $id)"
  done
}
