# shellcheck shell=bash
# ./stack token <role>[,<role>...] [--ttl 1h] [--env FILE]: a JSON Web Token for the local stack, signed (RS256)
# with the LOCAL DEVELOPMENT key of liberty-config/dev-keys/ (see its README). Printed as the last line.
# --env FILE also writes a Postman/newman environment: gateway, a token per role and ratelimit_token
# (docs/collections/; write_postman_environment is also used by run_newman, tools/stack/newman.sh).
# Sourced by ./stack, which defines ROOT, die and info.

JWT_DEV_PRIVATE_KEY="${JWT_DEV_PRIVATE_KEY:-$ROOT/liberty-config/dev-keys/jwt-dev-private.pem}"
# The same defaults as store-common's microprofile-config.properties (the servers' issuer and audience).
JWT_ISSUER="${MP_JWT_VERIFY_ISSUER:-https://store-manager.local/dev-issuer}"
JWT_AUDIENCE="${MP_JWT_VERIFY_AUDIENCES:-store-manager}"
JWT_ROLES=(clerk manager supplier)

base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

ttl_seconds() { # 90, 90s, 15m, 1h, 2d -> seconds
  local v=$1
  case $v in
    *[!0-9smhd]* | '' | [smhd]*) die "token: --ttl takes a duration such as 90s, 15m, 1h or 2d (got '$v')" ;;
    *d) echo $(( ${v%d} * 86400 )) ;;
    *h) echo $(( ${v%h} * 3600 )) ;;
    *m) echo $(( ${v%m} * 60 )) ;;
    *s) echo "${v%s}" ;;
    *) echo "$v" ;;
  esac
}

mint_token() { # roles(comma-separated) ttl-seconds
  local roles=$1 ttl=$2 role groups='' now header payload signature
  IFS=, read -ra wanted <<<"$roles"
  [ ${#wanted[@]} -gt 0 ] || die "token: which role? ${JWT_ROLES[*]}"
  for role in "${wanted[@]}"; do
    [[ " ${JWT_ROLES[*]} " == *" $role "* ]] || die "token: unknown role '$role' (roles: ${JWT_ROLES[*]})"
    groups+="${groups:+,}\"$role\""
  done
  [ -r "$JWT_DEV_PRIVATE_KEY" ] || die "token: no signing key at $JWT_DEV_PRIVATE_KEY"
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | base64url)
  payload=$(printf '{"iss":"%s","aud":"%s","sub":"dev-%s","upn":"dev-%s@store-manager.local","groups":[%s],"iat":%d,"exp":%d,"jti":"%s"}' \
    "$JWT_ISSUER" "$JWT_AUDIENCE" "${wanted[0]}" "${wanted[0]}" "$groups" "$now" $(( now + ttl )) \
    "$(cat /proc/sys/kernel/random/uuid)" | base64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$JWT_DEV_PRIVATE_KEY" -binary | base64url)
  printf '%s.%s.%s\n' "$header" "$payload" "$signature"
}

cmd_token() {
  local roles='' ttl=3600 env_file='' token
  while [ $# -gt 0 ]; do
    case $1 in
      --ttl) [ $# -ge 2 ] || die "token: --ttl needs a value"; ttl=$(ttl_seconds "$2"); shift 2 ;;
      --env) [ $# -ge 2 ] || die "token: --env needs a file"; env_file=$2; shift 2 ;;
      -*) die "token: unknown option $1 (--ttl DURATION, --env FILE)" ;;
      *) [ -z "$roles" ] || die "token: one role list, comma-separated (got '$roles' and '$1')"; roles=$1; shift ;;
    esac
  done
  [ -n "$roles" ] || die "token: which role? ./stack token <${JWT_ROLES[*]// /|}> [--ttl 1h] [--env FILE]"
  token=$(mint_token "$roles" "$ttl")
  if [ -n "$env_file" ]; then write_postman_environment "$env_file"; info "wrote $env_file"; fi
  info "role(s) $roles, valid $ttl s, issuer $JWT_ISSUER, audience $JWT_AUDIENCE (LOCAL DEVELOPMENT KEY)"
  echo "$token"
}

write_postman_environment() { # file [ttl-seconds]: a Postman/newman environment with one token per role
  # ttl: the argument, else the caller's $ttl (cmd_token's --ttl), else one hour.
  local file=$1 ttl=${2:-${ttl:-3600}} role values=''
  for role in "${JWT_ROLES[@]}"; do
    values+="${values:+,}{\"key\":\"${role}_token\",\"value\":\"$(mint_token "$role" "$ttl")\",\"type\":\"secret\",\"enabled\":true}"
  done
  # One more clerk token, used only by the collection's rate-limit folder: the gateway limits
  # POST /store-api/orders per Authorization header, and a new jti makes it a client of its own.
  values+=",{\"key\":\"ratelimit_token\",\"value\":\"$(mint_token clerk "$ttl")\",\"type\":\"secret\",\"enabled\":true}"
  values+=",{\"key\":\"gateway\",\"value\":\"http://127.0.0.1:${GATEWAY_PORT:-8080}\",\"enabled\":true}"
  printf '{"name":"Store Manager (local stack)","values":[%s]}\n' "$values" >"$file"
}
