# shellcheck shell=bash
# MariaDB and Redis of the local stack: functions SOURCED by ./stack, not a script to run.
#
#   start_mariadb, create_databases   a data directory of its own in .stack/mariadb, socket $RUN/mysqld.sock
#   start_redis                       snapshots in .stack/redis (--save "60 1")
#   stop_mariadb, stop_redis          graceful: mariadb-admin shutdown through the socket; redis-cli shutdown
#                                     save (the snapshot is written first); SIGTERM if that fails. A MariaDB
#                                     still running 60 s later: stop_mariadb says so on stderr, returns 1
#                                     (./stack stop mariadb and ./stack down then fail); Redis: die
#   kill_mariadb, kill_redis          kill -9, as in a crash (kill_pid, common.sh)
#
# They use what ./stack defines: info, die, warn, alive, gone, port_open, kill_pid and STATE, RUN, LOGS, DB_PORT,
# REDIS_PORT, DB_USER, DB_PASSWORD, MYSQL_SOCKET.
# shellcheck disable=SC2154 # those variables are assigned in ./stack

start_mariadb() {
  if alive "$RUN/mariadb.pid"; then info "MariaDB already running (pid $(cat "$RUN/mariadb.pid"))"; return; fi
  port_open "$DB_PORT" && die "port $DB_PORT is taken by another process (set DB_PORT to use another port)"
  local datadir="$STATE/mariadb"
  if [ ! -d "$datadir/mysql" ]; then
    info "initialising a data directory in $datadir"
    mkdir -p "$datadir"
    mariadb-install-db --no-defaults --datadir="$datadir" --user="$(id -un)" \
      --auth-root-authentication-method=socket --skip-test-db >"$LOGS/mariadb-install.log" 2>&1 \
      || { tail -20 "$LOGS/mariadb-install.log"; die "mariadb-install-db failed"; }
  fi
  nohup mariadbd --no-defaults --datadir="$datadir" --socket="$MYSQL_SOCKET" --port="$DB_PORT" \
    --bind-address=127.0.0.1 --user="$(id -un)" --pid-file="$RUN/mariadb.pid" \
    --log-error="$LOGS/mariadb.log" --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=512M --innodb-flush-log-at-trx-commit=1 --max-connections=300 \
    >/dev/null 2>&1 &
  local deadline=$(( $(date +%s) + 60 ))
  until mariadb-admin --socket="$MYSQL_SOCKET" -u root ping >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { tail -20 "$LOGS/mariadb.log"; die "MariaDB did not start in 60 s"; }
    sleep 0.5
  done
  info "MariaDB started on 127.0.0.1:$DB_PORT (pid $(cat "$RUN/mariadb.pid"))"
}

create_databases() {
  mariadb --socket="$MYSQL_SOCKET" -u root <<SQL
CREATE DATABASE IF NOT EXISTS store_manager CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS payment CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON store_manager.* TO '$DB_USER'@'127.0.0.1', '$DB_USER'@'localhost';
GRANT ALL PRIVILEGES ON payment.* TO '$DB_USER'@'127.0.0.1', '$DB_USER'@'localhost';
SQL
  info "databases store_manager and payment, user $DB_USER: ready"
}

start_redis() {
  if alive "$RUN/redis.pid"; then info "Redis already running (pid $(cat "$RUN/redis.pid"))"; return; fi
  port_open "$REDIS_PORT" && die "port $REDIS_PORT is taken by another process (set REDIS_PORT)"
  mkdir -p "$STATE/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$STATE/redis" --daemonize yes \
    --pidfile "$RUN/redis.pid" --logfile "$LOGS/redis.log" --save "60 1" --protected-mode yes
  local deadline=$(( $(date +%s) + 20 ))
  until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || die "Redis did not start in 20 s"
    sleep 0.2
  done
  info "Redis started on 127.0.0.1:$REDIS_PORT (pid $(cat "$RUN/redis.pid"))"
}

# The pid in the pid file, if that process is this stack's server (a bare name would match another checkout's).
mariadb_pid() { own_pid "$RUN/mariadb.pid" "--datadir=$STATE/mariadb "; }
redis_pid() { own_pid "$RUN/redis.pid" "redis-server 127.0.0.1:$REDIS_PORT "; } # Redis renames its process
own_pid() { # pidfile text
  local pid; pid=$(cat "$1" 2>/dev/null) || return 0
  if tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$2"; then echo "$pid"; fi
}

stop_mariadb() { # graceful; if MariaDB still runs 60 s later: says so on stderr and returns 1
  local pid t; pid=$(mariadb_pid); t=$(date +%s)
  if [ -z "$pid" ]; then info "MariaDB is not running"; return; fi
  if ! mariadb-admin --socket="$MYSQL_SOCKET" -u root shutdown >"$LOGS/mariadb-shutdown.log" 2>&1; then
    warn "MariaDB: mariadb-admin shutdown failed ($(tail -1 "$LOGS/mariadb-shutdown.log")): sending SIGTERM to pid $pid"
    kill "$pid" 2>/dev/null || true # SIGTERM: mariadbd's clean shutdown too; gone already is fine
  fi
  until gone "$pid" || [ $(( $(date +%s) - t )) -ge 60 ]; do sleep 0.2; done
  if ! gone "$pid"; then
    warn "MariaDB did not stop: pid $pid still runs 60 s after its shutdown (see $LOGS/mariadb.log; ./stack kill mariadb ends it)"
    return 1
  fi
  rm -f "$RUN/mariadb.pid"
  info "MariaDB stopped (clean shutdown in $(( $(date +%s) - t )) s)"
}

stop_redis() {
  local pid t; pid=$(redis_pid); t=$(date +%s)
  if [ -z "$pid" ]; then info "Redis is not running"; return; fi
  redis-cli -p "$REDIS_PORT" shutdown save >/dev/null 2>&1 || kill "$pid" # SIGTERM saves too (save points set)
  until gone "$pid" || [ $(( $(date +%s) - t )) -ge 30 ]; do sleep 0.1; done
  gone "$pid" || die "Redis (pid $pid) still runs 30 s after its shutdown (see $LOGS/redis.log)"
  rm -f "$RUN/redis.pid"
  info "Redis stopped (snapshot saved, clean shutdown in $(( $(date +%s) - t )) s)"
}

kill_mariadb() { kill_pid MariaDB "$(mariadb_pid)" "$RUN/mariadb.pid"; }
kill_redis() { kill_pid Redis "$(redis_pid)" "$RUN/redis.pid"; }
