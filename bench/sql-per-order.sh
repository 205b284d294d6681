#!/usr/bin/env bash
# Which SQL statements one order costs, on a stack that is up (./stack up): MariaDB's general log while
# SQL_PROFILE_ORDERS orders (default 5) are placed one by one, each waited for until its saga ended.
#
#   bench/sql-per-order.sh
#
# Prints every statement shape (literals replaced by ?) with how many times it ran per order, both services'
# databases together, most frequent first. The general log is switched on for the run only, and off again at
# the end whatever happens. One order at a time is the quiet case: every event is its own transaction and
# every relay round carries one row, so this is the upper bound of what the benchmark counts under load
# (docs/benchmark.md, "what one order costs").
set -euo pipefail

cd "$(dirname "$0")/.."
ORDERS="${SQL_PROFILE_ORDERS:-5}"
PORT="${STORE_MANAGER_PORT:-5000}"
SOCKET=".stack/run/mysqld.sock"
LOG="$PWD/.stack/run/general-$$.log"
sql() { mariadb --socket="$SOCKET" -uroot -N -e "$1"; }

TOKEN="$(./stack token manager | tail -1)"
post() {
  curl -sf -X POST "http://127.0.0.1:$PORT/orders" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d '{"user_id":1,"items":[{"product_id":2,"quantity":1}]}'
}
state() {
  curl -sf "http://127.0.0.1:$PORT/orders/$1" -H "Authorization: Bearer $TOKEN" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["saga_state"])'
}
wait_end() {
  local deadline=$((SECONDS + 30))
  while ((SECONDS < deadline)); do
    case "$(state "$1")" in COMPLETED | CANCELLED) return 0 ;; esac
    sleep 0.1 # polling the order's state
  done
  echo "order $1 did not end within 30 s" >&2
  return 1
}
quiet() { # the relay's pending marks land within a tick: let them, so they count for their order
  sleep 1
}

# The stock must not run out during the run (product 2, one unit per order).
sql "UPDATE store_manager.stocks SET quantity = GREATEST(quantity, 1000) WHERE product_id = 2"
wait_end "$(post | python3 -c 'import json,sys; print(json.load(sys.stdin)["order_id"])')" # warm-up
quiet

trap 'sql "SET GLOBAL general_log = OFF"' EXIT
sql "SET GLOBAL general_log_file = '$LOG'; SET GLOBAL general_log = ON"
for ((i = 0; i < ORDERS; i++)); do
  wait_end "$(post | python3 -c 'import json,sys; print(json.load(sys.stdin)["order_id"])')"
done
quiet
sql "SET GLOBAL general_log = OFF"
trap - EXIT

python3 - "$LOG" "$ORDERS" <<'EOF'
import collections, re, sys
path, orders = sys.argv[1], int(sys.argv[2])
shapes = collections.Counter()
for line in open(path, encoding="utf-8", errors="replace"):
    m = re.match(r"^(?:\d{6}\s+[\d:]+\s+)?\s*\d+\s+(Query|Execute)\s+(.*)$", line.rstrip("\n"))
    if not m:
        continue
    text = m.group(2)
    text = re.sub(r"'(?:[^'\\]|\\.)*'", "?", text)
    text = re.sub(r"\b\d+(?:\.\d+)?\b", "?", text)
    text = re.sub(r"\?(?:\s*,\s*\?)+", "?,…", text)
    text = re.sub(r"\s+", " ", text).strip()
    shapes[text[:150]] += 1
total = sum(shapes.values())
print(f"{total / orders:.1f} statements per order ({orders} orders, one at a time; both databases)")
for text, n in shapes.most_common():
    print(f"{n / orders:6.1f}  {text}")
EOF
rm -f "$LOG"
