# shellcheck shell=bash
# ./stack openapi: writes the OpenAPI documents the running services serve (GET /openapi, built by SmallRye
# OpenAPI from the resources' annotations and OpenApiErrorFilter) to docs/openapi/, the copies the generated
# Java clients are built from (clients-it/). Functions SOURCED by ./stack, not a script to run.
#
#   cmd_openapi        both documents, as JSON, with the server URL of the default ports (127.0.0.1:5000 and :5009),
#                      so that the files do not depend on the ports of the stack that wrote them
#
# OpenApiDocumentsIT (clients-it/) fails when a committed copy differs from what the server serves (apart from
# the server URL): after a change of the API, run ./stack up, then ./stack openapi, and commit the files.
# They use what ./stack defines: info, die, ROOT, STORE_MANAGER_PORT, PAYMENT_PORT.
# shellcheck disable=SC2154 # those variables are assigned in ./stack

cmd_openapi() {
  local pair name port default file
  for pair in store-manager:$STORE_MANAGER_PORT:5000 payment:$PAYMENT_PORT:5009; do
    IFS=: read -r name port default <<<"$pair"
    file="$ROOT/docs/openapi/$name.json"
    curl -sf "http://127.0.0.1:$port/openapi?format=JSON" \
      | python3 -c 'import json, sys
document = json.load(sys.stdin)
document["servers"] = [{"url": sys.argv[1]}]
json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
print()' "http://127.0.0.1:$default" >"$file.tmp" || { rm -f "$file.tmp"; die "cannot read http://127.0.0.1:$port/openapi (is the stack up?)"; }
    mv "$file.tmp" "$file"
    info "openapi: $name -> docs/openapi/$name.json"
  done
}
