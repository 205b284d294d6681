# shellcheck shell=bash
# Property-based tests of the OpenAPI documents with schemathesis (PyPI, pinned): ./stack schemathesis.
# Not yet in ./stack test: it still finds failures (see the gateway issue's closing note). DELETE is left out:
# with random ids it would delete the reference data other tests and the README examples use.
# Sourced by ./stack, which defines ROOT, STATE, LOGS, STORE_MANAGER_PORT, PAYMENT_PORT, info, die, mint_token.
# shellcheck disable=SC2154 # those variables are assigned in ./stack

SCHEMATHESIS_VERSION=4.32.5
SCHEMATHESIS_VENV="$STATE/schemathesis"
SCHEMATHESIS_EXAMPLES="${SCHEMATHESIS_EXAMPLES:-25}"

install_schemathesis() { # a virtualenv under .stack, once per machine and version
  if [ "$("$SCHEMATHESIS_VENV/bin/schemathesis" --version 2>/dev/null)" = "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
    return
  fi
  info "schemathesis: installing $SCHEMATHESIS_VERSION from PyPI into $SCHEMATHESIS_VENV"
  python3 -m venv "$SCHEMATHESIS_VENV" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
  "$SCHEMATHESIS_VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION" >"$LOGS/schemathesis-install.log" 2>&1 \
    || { tail -20 "$LOGS/schemathesis-install.log"; die "installing schemathesis failed"; }
}

run_schemathesis() { # every operation of both services, all checks, with a manager's token
  install_schemathesis
  local token service port status=0
  token=$(mint_token manager 3600)
  for service in store-manager:$STORE_MANAGER_PORT payment:$PAYMENT_PORT; do
    port=${service##*:}
    info "schemathesis: ${service%%:*} (http://127.0.0.1:$port/openapi, $SCHEMATHESIS_EXAMPLES examples per operation)"
    timeout 600 "$SCHEMATHESIS_VENV/bin/schemathesis" run "http://127.0.0.1:$port/openapi" \
      --url "http://127.0.0.1:$port" --checks all --max-examples "$SCHEMATHESIS_EXAMPLES" \
      --header "Authorization: Bearer $token" --request-timeout 10 --seed 1 \
      --exclude-path-regex '^/test/slow/' --exclude-method DELETE \
      --report junit --report-junit-path "$LOGS/schemathesis-${service%%:*}.xml" || status=1
  done
  [ "$status" = 0 ] || die "schemathesis found failures (reports in $LOGS/schemathesis-*.xml)"
}
