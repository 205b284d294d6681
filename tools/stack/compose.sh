# shellcheck shell=bash
# The docker-compose deployment, checked without a Docker engine: functions SOURCED by ./stack, not a script to run.
#
#   check_compose   docker-compose.yml validated by Debian's docker-compose 1.29 (schema and interpolation,
#                   offline), then the unit tests of tools/compose/ (the compose file and the Dockerfiles against
#                   ./stack, liberty-config/, krakend.json and the code). Installs docker-compose and python3-yaml
#                   with apt-get when missing. Nothing is built, pulled or started.
#
# They use what ./stack defines: as_root, info, die, ROOT, LOGS.
# shellcheck disable=SC2154 # those variables are assigned in ./stack

compose_python() { # the Python 3 that has PyYAML: the one on PATH, else Debian's (python3-yaml installs there)
  if python3 -c 'import yaml' >/dev/null 2>&1; then echo python3; else echo /usr/bin/python3; fi
}

ensure_compose_packages() {
  local missing=()
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  "$(compose_python)" -c 'import yaml' >/dev/null 2>&1 || missing+=(python3-yaml)
  if [ ${#missing[@]} -eq 0 ]; then return; fi
  mkdir -p "$LOGS"
  info "installing with apt-get: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$LOGS/apt-compose.log" 2>&1 \
    || { tail -20 "$LOGS/apt-compose.log"; die "apt-get install ${missing[*]} failed"; }
}

check_compose() {
  ensure_compose_packages
  # An empty environment for the file: the checks see its own defaults, not this shell's DB_PASSWORD and such.
  env -i PATH="$PATH" docker-compose -f "$ROOT/docker-compose.yml" config -q \
    || die "docker-compose.yml does not validate (docker-compose $(docker-compose version --short 2>/dev/null))"
  info "docker-compose.yml: valid (docker-compose $(docker-compose version --short 2>/dev/null) config -q)"
  PYTHONDONTWRITEBYTECODE=1 "$(compose_python)" -m unittest discover -s "$ROOT/tools/compose" \
    || die "docker-compose.yml or a Dockerfile disagrees with the stack (tools/compose/)"
}
