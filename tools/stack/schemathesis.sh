# shellcheck shell=bash
# Property-based tests of both OpenAPI documents and the supplier GraphQL schema with schemathesis (PyPI, pinned), all checks, part of
# ./stack test and ./stack schemathesis. Settings and hooks: tools/schemathesis/.
#
#   cmd_schemathesis [--seed N] [--plain]   ./stack schemathesis: the full run (seed 1 unless --seed), or the plain
#                                           run a newcomer starts (--plain: no hooks, no settings, no DELETE, the
#                                           four response checks, both REST documents)
#   run_schemathesis [SEED]                 the full run (./stack test: seed 1); prints each document's figures
#   st_figures FILE                         "<operations> operations, <cases> cases, <failures> failures" of an output
# Sourced by ./stack, which defines ROOT, STATE, LOGS, MYSQL_SOCKET, STORE_MANAGER_PORT, PAYMENT_PORT, info, die
# and mint_token.
# shellcheck disable=SC2154 # those variables are assigned in ./stack

SCHEMATHESIS_VERSION=4.32.5
SCHEMATHESIS_VENV="$STATE/schemathesis"
SCHEMATHESIS_EXAMPLES="${SCHEMATHESIS_EXAMPLES:-20}"

install_schemathesis() { # a virtualenv under .stack, once per machine and version
  if [ "$("$SCHEMATHESIS_VENV/bin/schemathesis" --version 2>/dev/null)" = "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
    return
  fi
  info "schemathesis: installing $SCHEMATHESIS_VERSION from PyPI into $SCHEMATHESIS_VENV"
  python3 -m venv "$SCHEMATHESIS_VENV" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
  "$SCHEMATHESIS_VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION" >"$LOGS/schemathesis-install.log" 2>&1 \
    || { tail -20 "$LOGS/schemathesis-install.log"; die "installing schemathesis failed"; }
}

st_sql() { # database query: one value
  mariadb --socket="$MYSQL_SOCKET" -u root -N -B "$1" -e "$2"
}

cmd_schemathesis() { # [--seed N] [--plain]: ./stack schemathesis
  local seed=1 plain=false
  while [ $# -gt 0 ]; do
    case $1 in
      --seed) [[ ${2:-} =~ ^[0-9]+$ ]] || die "--seed needs a whole number"; seed=$2; shift 2 ;;
      --plain) plain=true; shift ;;
      *) die "schemathesis: unknown option '$1' (--seed N, --plain)" ;;
    esac
  done
  if [ "$plain" = true ]; then run_plain_schemathesis "$seed"; else run_schemathesis "$seed"; fi
}

# Figures of one schemathesis run, from its output: "<operations> operations, <cases> cases, <failures> failures".
st_figures() { # output-file
  local operations cases failures
  operations=$(sed -n 's/^ *Tested: \([0-9]*\).*/\1/p' "$1" | tail -1)
  cases=$(grep -A1 '^Test cases:' "$1" | sed -n 's/^ *\([0-9]*\) generated.*/\1/p' | tail -1)
  failures=$(grep -A1 '^Test cases:' "$1" | sed -n 's/.* found \([0-9]*\) unique failure.*/\1/p' | tail -1)
  echo "${operations:-?} operations, ${cases:-?} cases, ${failures:-0} failures"
}

# The run a newcomer starts: no hooks and no settings file, every method but DELETE, the four response checks,
# a manager's token, on both OpenAPI documents directly (no gateway). Cleans up after itself like the full run.
# What exists before a run is reference data: prints the largest id of each collection ("users=12,...", kept by
# hooks.py) and saves the stock levels (restored by schemathesis_clean_up).
snapshot_reference_data() {
  local kind protect=''
  for kind in users products orders; do
    protect+="${protect:+,}$kind=$(st_sql store_manager "SELECT COALESCE(MAX(id),0) FROM $kind")"
  done
  protect+=",payments=$(st_sql payment "SELECT COALESCE(MAX(id),0) FROM payments")"
  st_sql store_manager "SELECT product_id, quantity FROM stocks" >"$STATE/schemathesis-stocks.tsv"
  echo "$protect"
}

run_plain_schemathesis() { # seed
  install_schemathesis
  local seed=$1 token service port status=0 protect run out
  token=$(mint_token manager 3600)
  run=$(date +%s)
  protect=$(snapshot_reference_data)
  mkdir -p "$STATE/schemathesis-plain" # no schemathesis.toml here or above: the defaults
  for service in store-manager:$STORE_MANAGER_PORT payment:$PAYMENT_PORT; do
    port=${service##*:} out="$LOGS/schemathesis-plain-${service%%:*}.txt"
    info "schemathesis (plain): ${service%%:*} (http://127.0.0.1:$port/openapi, seed $seed)"
    (cd "$STATE/schemathesis-plain" && timeout 900 "$SCHEMATHESIS_VENV/bin/schemathesis" run \
      "http://127.0.0.1:$port/openapi" --url "http://127.0.0.1:$port" --exclude-method DELETE \
      --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
      --header "Authorization: Bearer $token" --seed "$seed") >"$out" 2>&1 || status=1
    info "schemathesis (plain): ${service%%:*}, seed $seed: $(st_figures "$out") (output: $out)"
  done
  schemathesis_clean_up "$protect" "$token" "$run"
  [ "$status" = 0 ] || die "schemathesis (plain) found failures (outputs in $LOGS/schemathesis-plain-*.txt)"
}

run_schemathesis() { # [seed]: every operation of both services, all checks, with a manager's token; cleans up after
  install_schemathesis
  local seed=${1:-1} token service port status=0 protect run out
  token=$(mint_token manager 3600)
  run=$(date +%s) # marks the run's idempotency keys (hooks.py) for the clean-up
  protect=$(snapshot_reference_data)
  for service in store-manager:$STORE_MANAGER_PORT payment:$PAYMENT_PORT; do
    port=${service##*:} out="$LOGS/schemathesis-${service%%:*}.txt"
    info "schemathesis: ${service%%:*} (http://127.0.0.1:$port/openapi, $SCHEMATHESIS_EXAMPLES examples per operation, seed $seed)"
    # ensure_resource_availability (ST302) is off: hooks.py sends a DELETE of a reference id elsewhere (a 404), and
    # in a stateful scenario that check then reports the resource the run created as lost (seen with seeds 1,
    # 8, 10). Reads after creations are checked by the end-to-end tests (each one reads what it created).
    # missing_required_header is off: the token is a fixed --header, which schemathesis adds back to the
    # requests it sends without Authorization (POST /orders and /payments, which have a header parameter,
    # then got 201). A missing, wrong or expired token is SecurityIT's subject, on every operation.
    (cd "$ROOT/tools/schemathesis" && env SCHEMATHESIS_PROTECT="$protect" SCHEMATHESIS_RUN="$run" PYTHONPATH=. \
      timeout 600 "$SCHEMATHESIS_VENV/bin/schemathesis" run "http://127.0.0.1:$port/openapi" \
      --url "http://127.0.0.1:$port" --checks all --max-examples "$SCHEMATHESIS_EXAMPLES" \
      --exclude-checks missing_required_header,ensure_resource_availability \
      --header "Authorization: Bearer $token" --request-timeout 10 --seed "$seed" \
      --report junit --report-junit-path "$LOGS/schemathesis-${service%%:*}.xml") >"$out" 2>&1 || status=1
    info "schemathesis: ${service%%:*}, seed $seed: $(st_figures "$out") (output: $out)"
    [ "$status" = 0 ] || tail -60 "$out"
  done
  # GraphQL: the schema as the server prints it (SmallRye leaves its BigDecimal scalar undeclared). Every
  # argument is a product id that must exist or a count that must not be negative: rules GraphQL's types
  # cannot express, answered with classified client errors (NOT_FOUND, BAD_USER_INPUT), the twin of the REST
  # 404/422 that schemathesis.toml accepts. So positive_data_acceptance is off for GraphQL; every other check
  # runs.
  info "schemathesis: supplier GraphQL (http://127.0.0.1:$STORE_MANAGER_PORT/graphql)"
  { echo 'scalar BigDecimal'
    curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$STORE_MANAGER_PORT/graphql/schema.graphql" \
      | grep -v '^scalar BigDecimal'; } >"$STATE/supplier-schema.graphql" || die "cannot read the GraphQL schema"
  out="$LOGS/schemathesis-graphql.txt"
  (cd "$ROOT/tools/schemathesis" && env SCHEMATHESIS_PROTECT="$protect" SCHEMATHESIS_RUN="$run" PYTHONPATH=. \
    timeout 600 "$SCHEMATHESIS_VENV/bin/schemathesis" run "$STATE/supplier-schema.graphql" \
    --url "http://127.0.0.1:$STORE_MANAGER_PORT/graphql" --checks all --exclude-checks positive_data_acceptance \
    --max-examples "$SCHEMATHESIS_EXAMPLES" \
    --header "Authorization: Bearer $token" --request-timeout 10 --seed "$seed" \
    --report junit --report-junit-path "$LOGS/schemathesis-graphql.xml") >"$out" 2>&1 || { status=1; tail -60 "$out"; }
  info "schemathesis: supplier GraphQL, seed $seed: $(st_figures "$out") (output: $out)"
  schemathesis_clean_up "$protect" "$token" "$run"
  [ "$status" = 0 ] || die "schemathesis found failures (reports in $LOGS/schemathesis-*.xml)"
}

schemathesis_clean_up() { # protect-list token run: remove what the run created, put the reference stock back
  local protect=$1 token=$2 run=$3 kind id quantity deadline=$(( $(date +%s) + 60 ))
  local api="http://127.0.0.1:$STORE_MANAGER_PORT" users products orders payments
  IFS=, read -r users products orders payments <<<"$protect"
  users=${users#*=} products=${products#*=} orders=${orders#*=} payments=${payments#*=}
  until [ "$(st_sql store_manager "SELECT COUNT(*) FROM orders WHERE id > $orders
      AND saga_state NOT IN ('COMPLETED','CANCELLED')")" = 0 ] || [ "$(date +%s)" -ge "$deadline" ]; do sleep 0.5; done
  for kind in orders:$orders users:$users products:$products; do # orders first: they hold users and products
    for id in $(st_sql store_manager "SELECT id FROM ${kind%%:*} WHERE id > ${kind##*:}"); do
      curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $token" "$api/${kind%%:*}/$id"
    done
  done
  st_sql payment "DELETE FROM payments WHERE id > $payments"
  st_sql store_manager "DELETE FROM idempotency_keys WHERE idempotency_key LIKE '%-st$run-%'"
  st_sql payment "DELETE FROM idempotency_keys WHERE idempotency_key LIKE '%-st$run-%'"
  # Keys the hooks did not mark (the plain run has none): those written since the run started.
  st_sql store_manager "DELETE FROM idempotency_keys WHERE created_at >= FROM_UNIXTIME($run)"
  st_sql payment "DELETE FROM idempotency_keys WHERE created_at >= FROM_UNIXTIME($run)"
  while IFS=$'\t' read -r id quantity; do
    curl -s -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"product_id\":$id,\"quantity\":$quantity}" "$api/stocks"
  done <"$STATE/schemathesis-stocks.tsv"
  info "schemathesis: removed what the run created ($protect were there before), reference stock levels restored"
}
