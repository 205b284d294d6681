# shellcheck shell=bash
# The Postman collection (docs/collections/) run with newman: functions SOURCED by ./stack, not a script to run.
#
# They use what ./stack defines: info, die, ROOT, STATE, LOGS, GATEWAY_PORT, and write_postman_environment
# (tools/stack/token.sh).
# shellcheck disable=SC2154 # those variables are assigned in ./stack
#
#   install_newman            npm ci in docs/collections, only when package-lock.json changed since the last one
#   run_newman [options...]   fresh tokens in $STATE/newman-env.json, then newman run ... --bail against the
#                             gateway, bounded by NEWMAN_TIMEOUT seconds; extra newman options are passed on
#                             (e.g. --env-var course_compat=off, --folder "05 Orders and payment")
#
# Environment: NEWMAN_TIMEOUT (default 180 s for the whole run; a run takes about 15 s, 6 of them the
# gateway-timeout request); NEWMAN_REQUEST_TIMEOUT (default 15 s per request).

COLLECTIONS_DIR="$ROOT/docs/collections"
NEWMAN_TIMEOUT="${NEWMAN_TIMEOUT:-180}"
NEWMAN_REQUEST_TIMEOUT="${NEWMAN_REQUEST_TIMEOUT:-15}"

install_newman() {
  command -v npm >/dev/null 2>&1 || die "npm is not installed (newman needs Node.js >= 16: apt-get install nodejs npm)"
  local lock="$COLLECTIONS_DIR/package-lock.json" stamp="$COLLECTIONS_DIR/node_modules/.stack-lock.sha256" hash
  hash=$(sha256sum "$lock" | cut -d' ' -f1)
  if [ -x "$COLLECTIONS_DIR/node_modules/.bin/newman" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ]; then
    info "newman: installed ($(node -p 'require("newman/package.json").version' 2>/dev/null || echo '?'))"
    return
  fi
  mkdir -p "$LOGS" "$STATE/npm-cache"
  info "newman: npm ci in docs/collections (the exact versions of package-lock.json)"
  # npm's download cache under .stack/, like the gateway's Go caches; npm ci removes node_modules first.
  (cd "$COLLECTIONS_DIR" && npm ci --no-audit --no-fund --loglevel=error --prefer-offline \
      --cache "$STATE/npm-cache") >"$LOGS/npm-ci.log" 2>&1 \
    || { tail -20 "$LOGS/npm-ci.log"; die "npm ci failed (see $LOGS/npm-ci.log)"; }
  echo "$hash" >"$stamp"
}

run_newman() { # [newman options...]
  local gateway="http://127.0.0.1:${GATEWAY_PORT:-8080}" env_file="$STATE/newman-env.json"
  local report="$LOGS/newman-report.json" rc=0
  rm -f "$report"
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$gateway/__health")" = 200 ] \
    || die "the gateway does not answer at $gateway/__health: run ./stack up first"
  install_newman
  mkdir -p "$STATE" "$LOGS"
  # Fresh tokens every run: ratelimit_token must be a client the gateway's limiter has not seen.
  # Valid a little longer than the run may last.
  (umask 077 && write_postman_environment "$env_file" $(( NEWMAN_TIMEOUT + 300 )))
  info "newman: docs/collections/store-manager.postman_collection.json against $gateway (at most $NEWMAN_TIMEOUT s)"
  # newman itself (not npx): `timeout` then stops the very process that runs the collection.
  (cd "$COLLECTIONS_DIR" && timeout --kill-after=10 "$NEWMAN_TIMEOUT" node_modules/.bin/newman run \
      store-manager.postman_collection.json -e "$env_file" --bail \
      --timeout-request $(( NEWMAN_REQUEST_TIMEOUT * 1000 )) \
      --reporters cli,json --reporter-json-export "$report" "$@") || rc=$?
  case $rc in 124 | 137) die "newman: no result within $NEWMAN_TIMEOUT s (NEWMAN_TIMEOUT)" ;; esac
  [ -f "$report" ] && info "newman: $(newman_summary "$report")"
  [ "$rc" -eq 0 ] || die "newman: the collection failed (exit $rc; report: $report)"
}

newman_summary() { # report.json: one line with the run's counts
  node -e '
    const s = require(process.argv[1]).run.stats;
    const f = (k) => s[k].total + " " + k + " (" + s[k].failed + " failed)";
    console.log(["requests", "assertions", "testScripts", "prerequestScripts"].map(f).join(", "));
  ' "$1" 2>/dev/null || echo "no summary in $1"
}
