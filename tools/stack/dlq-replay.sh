# shellcheck shell=bash
# ./stack dlq replay <partition>-<offset> | replay-all: a dead letter's value published again with its key on
# $KAFKA_TOPIC by Kafka's ConsoleProducer (--sync: its exit status says whether every record was acknowledged by
# the in-sync replicas). Functions SOURCED by ./stack; the records are read by dlq.sh.
#
# They use what ./stack, kafka.sh and dlq.sh define.
# shellcheck disable=SC2154 # those variables are assigned in ./stack, kafka.sh and dlq.sh

dlq_replay() { # id
  [[ $1 =~ ^([0-9]+)-([0-9]+)$ ]] || die "dlq replay: an id is <partition>-<offset>, as ./stack dlq list prints it (not '$1')"
  local p=${BASH_REMATCH[1]} o=${BASH_REMATCH[2]} range end
  dlq_read_offsets end # an offset below the first one is caught below: it reads another record
  range=$(dlq_range "$p")
  [ -n "$range" ] || die "dlq replay: no dead letter $1: $DLQ_TOPIC has no partition $p"
  read -r _ end <<<"$range"
  if [ "$o" -ge "$end" ]; then
    [ "$end" -gt 0 ] || die "dlq replay: no dead letter $1: partition $p of $DLQ_TOPIC is empty"
    die "dlq replay: no dead letter $1: the last one of partition $p is at offset $(( end - 1 ))"
  fi
  dlq_collect "$(dlq_fetch "$p" "$o" 1)"
  [ "${DLQ_ID[0]:-}" = "$1" ] \
    || die "dlq replay: could not read $1 within ${DLQ_TIMEOUT_MS} ms (deleted by retention? see $LOGS/kafka-tools.log)"
  dlq_publish 0
}

dlq_publish() { # index...: the values with their keys on $KAFKA_TOPIC, acknowledged by every in-sync replica
  local i lines='' done=() s=s config="$KAFKA_DIR/dlq-producer.properties"
  for i in "$@"; do
    # ConsoleProducer reads one record per line.
    if [[ ${DLQ_VALUE[$i]}${DLQ_KEY[$i]} == *[$'\n\r']* ]]; then
      [ $# -gt 1 ] || die "dlq replay: ${DLQ_ID[$i]} spans several lines, which ConsoleProducer cannot publish"
      info "skipped ${DLQ_ID[$i]}: it spans several lines, which ConsoleProducer cannot publish"; continue
    fi
    lines+="${DLQ_KEY[$i]}$DLQ_US${DLQ_VALUE[$i]}"$'\n'; done+=("$i")
  done
  [ ${#done[@]} -gt 0 ] || die "dlq: nothing could be replayed"
  printf '%s\n' "# ./stack dlq replay: the guarantees of the services' producer, and an answer within seconds." \
    acks=all enable.idempotence=true max.block.ms=10000 request.timeout.ms=5000 delivery.timeout.ms=15000 >"$config"
  printf '%s' "$lines" | kafka_tool kafka.tools.ConsoleProducer --bootstrap-server "$(kafka_bootstrap)" \
    --topic "$KAFKA_TOPIC" --producer.config "$config" --request-required-acks all --sync \
    --property parse.key=true --property key.separator="$DLQ_US" --property null.marker="$DLQ_NULL" \
    2>>"$LOGS/kafka-tools.log" || die "dlq: publishing on $KAFKA_TOPIC failed (see $LOGS/kafka-tools.log)"
  for i in "${done[@]}"; do printf 'replayed %s\n' "$(dlq_describe "$i")"; done
  [ ${#done[@]} -ne 1 ] || s=''
  echo "${#done[@]} dead letter$s replayed on $KAFKA_TOPIC (of ${#DLQ_ID[@]} read from $DLQ_TOPIC)"
}
