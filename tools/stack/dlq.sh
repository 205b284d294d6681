# shellcheck shell=bash
# ./stack dlq list | replay <partition>-<offset> | replay-all: the dead-letter topic $KAFKA_TOPIC.dlq
# (docs/event-contract.md). Functions SOURCED by ./stack, not a script to run.
#
#   list         every record, one line each: id <partition>-<offset>, key, the headers `consumer` and `error`,
#                the event's type, event_id and order_id; then the total
#   replay ID    publishes that record's value with its key on $KAFKA_TOPIC again (acks=all). The services'
#                inbox skips an event_id they already applied, so a replay is idempotent. The dead letter
#                itself stays (Kafka deletes no single record).
#   replay-all   the same for every dead letter, in partition and offset order (both in dlq-replay.sh)
#
# Reading takes no consumer group: each non-empty partition is read from its first offset up to its end
# (GetOffsetShell gives both) by a ConsoleConsumer assigned to it, with DLQ_TIMEOUT_MS (10000) as a bound.
# A throwaway group would commit nothing either, but joining one needs __consumer_offsets, which a cluster
# of three cannot create with a broker down: the list would then look empty instead of failing.
#
# They use what ./stack and kafka.sh define (kafka_tool, kafka_bootstrap, kafka_running_mode_text, ...).
# shellcheck disable=SC2154 # those variables are assigned in ./stack and kafka.sh

DLQ_TIMEOUT_MS="${DLQ_TIMEOUT_MS:-10000}"
# ConsoleConsumer's separators: control characters that neither a JSON value nor a header ever contains, so
# that an error message with commas, tabs or newlines stays one field (unit, record and group separators).
DLQ_US=$'\x1f' DLQ_RS=$'\x1e' DLQ_GS=$'\x1d' DLQ_NULL=$'\x1a'

cmd_dlq() {
  DLQ_TOPIC="$KAFKA_TOPIC.dlq"
  DLQ_ID=() DLQ_KEY=() DLQ_VALUE=() DLQ_CONSUMER=() DLQ_ERROR=()
  case ${1:-} in list|replay|replay-all) ;; *) die "dlq: list, replay <partition>-<offset> or replay-all" ;; esac
  [ -n "$(kafka_running_mode_text)" ] || die "dlq: Kafka is not running (./stack up, or ./stack start kafka)"
  case $1 in
    list) dlq_read_all; dlq_print_all ;;
    replay) [ -n "${2:-}" ] || die "dlq replay: which one? an id <partition>-<offset>, as ./stack dlq list prints it"
            dlq_replay "$2" ;;
    replay-all) dlq_read_all
                if [ ${#DLQ_ID[@]} -eq 0 ]; then info "no dead letters on $DLQ_TOPIC: nothing to replay"; return; fi
                dlq_publish "${!DLQ_ID[@]}" ;;
  esac
}

dlq_offsets() { # -2 (earliest) | -1 (latest): "<partition> <offset>" lines, by partition
  local err="$LOGS/dlq-offsets.err" skipped
  kafka_tool org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$(kafka_bootstrap)" \
    --command-config "$KAFKA_DIR/admin.properties" --topic "$DLQ_TOPIC" --time "$1" 2>"$err" \
    | awk -F: 'NF >= 3 { print $(NF - 1), $NF }' | sort -n || true # no output: see the caller
  cat "$err" >>"$LOGS/kafka-tools.log"
  # A partition without a leader is left out with a message, not an error: a list without it would lie.
  skipped=$(sed -n "s/^Skip getting offsets for topic-partition $DLQ_TOPIC-\([0-9]*\) .*/\1/p" "$err" | sort -n | paste -sd, -)
  [ -z "$skipped" ] || die "dlq: partitions $skipped of $DLQ_TOPIC do not answer (no leader: are brokers down? ./stack status)"
}

dlq_fetch() { # partition offset count: those records, as ConsoleConsumer prints them with the separators
  kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$(kafka_bootstrap)" \
    --consumer.config "$KAFKA_DIR/admin.properties" --topic "$DLQ_TOPIC" --partition "$1" --offset "$2" \
    --max-messages "$3" --timeout-ms "$DLQ_TIMEOUT_MS" \
    --property print.partition=true --property print.offset=true --property print.headers=true \
    --property print.key=true --property print.value=true --property key.separator="$DLQ_US" \
    --property headers.separator="$DLQ_GS" --property line.separator="$DLQ_RS" \
    --property null.literal="$DLQ_NULL" 2>>"$LOGS/kafka-tools.log" || true
}

dlq_collect() { # output of dlq_fetch: its records appended to DLQ_ID, DLQ_KEY, DLQ_VALUE, DLQ_CONSUMER, DLQ_ERROR
  local rec part off head key value
  while IFS= read -r -d "$DLQ_RS" rec; do
    IFS="$DLQ_US" read -r -d '' part off head key value <<<"$rec" || true
    DLQ_ID+=("${part#Partition:}-${off#Offset:}") DLQ_KEY+=("$key") DLQ_VALUE+=("${value%$'\n'}")
    DLQ_CONSUMER+=("$(dlq_header consumer "$head")") DLQ_ERROR+=("$(dlq_header error "$head")")
  done <<<"$1"
}

dlq_header() { # name headers: that header's value, '-' if the record has none
  local hs h; IFS="$DLQ_GS" read -r -d '' -a hs <<<"$2" || true
  for h in "${hs[@]}"; do
    h=${h%$'\n'}
    if [ "${h%%:*}" = "$1" ]; then echo "${h#*:}"; return; fi
  done
  echo -
}

dlq_json() { # field json: a string or number field of the event, '-' if absent (the contract's flat fields)
  local re="\"$1\"[[:space:]]*:[[:space:]]*(\"([^\"]*)\"|-?[0-9]+)"
  if [[ $2 =~ $re ]]; then echo "${BASH_REMATCH[2]:-${BASH_REMATCH[1]}}"; else echo -; fi
}

dlq_range() { # partition: "<first> <end>" of that partition, empty if the topic has no such partition
  local first end
  first=$(awk -v p="$1" '$1 == p { print $2 }' <<<"$DLQ_STARTS"); end=$(awk -v p="$1" '$1 == p { print $2 }' <<<"$DLQ_ENDS")
  if [ -n "$end" ]; then echo "${first:-0} $end"; fi
}

dlq_read_offsets() { # all | end: the first and end offsets of every partition, or only the ends
  DLQ_STARTS=''
  if [ "$1" = all ]; then DLQ_STARTS=$(dlq_offsets -2) || exit 1; fi # dlq_offsets has said why
  DLQ_ENDS=$(dlq_offsets -1) || exit 1
  [ -n "$DLQ_ENDS" ] || die "dlq: cannot read the offsets of $DLQ_TOPIC (does it exist? see $LOGS/kafka-tools.log)"
}

dlq_read_all() {
  local p first end got dir="$STATE/dlq-read" parts=()
  dlq_read_offsets all
  rm -rf "$dir"; mkdir -p "$dir"
  while read -r p _; do # one consumer per non-empty partition, all at once (a JVM each: seconds of start-up)
    read -r first end <<<"$(dlq_range "$p")"
    [ "$end" -gt "$first" ] || continue
    dlq_fetch "$p" "$first" $(( end - first )) >"$dir/$p" &
    parts+=("$p $(( end - first ))")
  done <<<"$DLQ_ENDS"
  wait
  for p in "${parts[@]}"; do
    read -r p end <<<"$p"; got=${#DLQ_ID[@]}
    dlq_collect "$(cat "$dir/$p")"
    got=$(( ${#DLQ_ID[@]} - got ))
    [ "$got" -eq "$end" ] || info "warning: partition $p: read $got of $end records within ${DLQ_TIMEOUT_MS} ms"
  done
  rm -rf "$dir"
}

dlq_describe() { # index: one line about that record
  local key=${DLQ_KEY[$1]} error=${DLQ_ERROR[$1]} value=${DLQ_VALUE[$1]}
  [ "$key" != "$DLQ_NULL" ] || key=-
  printf '%-6s key=%-6s consumer=%-13s %-22s event_id=%s order_id=%s error=%s\n' "${DLQ_ID[$1]}" "$key" \
    "${DLQ_CONSUMER[$1]}" "$(dlq_json event "$value")" "$(dlq_json event_id "$value")" \
    "$(dlq_json order_id "$value")" "$(tr '\n\t\r' '   ' <<<"$error" | sed 's/ *$//')"
}

dlq_print_all() {
  local i s=s
  for i in "${!DLQ_ID[@]}"; do dlq_describe "$i"; done
  [ ${#DLQ_ID[@]} -ne 1 ] || s=''
  echo "${#DLQ_ID[@]} dead letter$s on $DLQ_TOPIC ($(kafka_bootstrap))"
}
