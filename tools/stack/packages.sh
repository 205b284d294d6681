# shellcheck shell=bash
# The Debian packages the launcher needs, installed with apt-get when missing: functions SOURCED by ./stack.
#
#   ensure_packages                what ./stack up needs: MariaDB, Redis, Maven, curl, Node.js and npm (the
#                                  builds of the staff app and the GraphiQL page, store-manager-war/src/main/)
#   ensure_test_packages PACKAGE...   what ./stack test adds, each a package named like its command:
#                                  chromium (the headless browser of ConsoleIT and the browser tests),
#                                  and shellcheck (every shell script)
#
# The compose checks install their own (ensure_compose_packages, compose.sh).
# They use what ./stack defines: info, die, as_root, LOGS.
# shellcheck disable=SC2154 # those variables are assigned in ./stack

ensure_packages() {
  local missing=()
  command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ ${#missing[@]} -eq 0 ]; then info "mariadb-server, redis-server, maven, nodejs, npm: present"; return; fi
  info "installing with apt-get: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$LOGS/apt.log" 2>&1 \
    || { tail -20 "$LOGS/apt.log"; die "apt-get install failed"; }
}

# The test command's tools: ConsoleIT opens the operations page in headless chromium; the shellcheck step
# checks every shell script of the repository.
ensure_test_packages() { # package...: each one's command has the package's name
  local package missing=()
  for package in "$@"; do
    if command -v "$package" >/dev/null 2>&1; then info "$package: present"; else missing+=("$package"); fi
  done
  if [ ${#missing[@]} -eq 0 ]; then return; fi
  info "installing with apt-get: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$LOGS/apt.log" 2>&1 \
    || { tail -20 "$LOGS/apt.log"; die "apt-get install ${missing[*]} failed"; }
}
