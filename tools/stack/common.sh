# shellcheck shell=bash
# The launcher's helpers, used by every other part: messages, pid and port checks, kill -9, start-up timings.
# Functions SOURCED by ./stack (first, as the other parts use them), not a script to run.
#
#   step, info            a heading with the seconds since the command started (T0); an indented line
#   die, warn             a message on stderr: die also exits with status 1
#   alive PIDFILE, gone PID, port_open PORT, kill_pid LABEL PID [PIDFILE]
#   now_ms, seconds_since MS, record_startup NAME SECONDS (.stack/logs/startup.tsv, for the benchmark)
#   as_root COMMAND...    as root: directly, or through sudo
#
# ./stack sources this part first, so these are among "what ./stack defines" in the other parts' headers.
# They use what ./stack defines: LOGS.
# shellcheck disable=SC2154 # those variables are assigned in ./stack

T0=$(date +%s)
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Start-up times (launch -> ready) for the benchmark's start-up figures: <time> <component> <seconds>.
record_startup() { mkdir -p "$LOGS"; printf '%s\t%s\t%s\n' "$(date -Is)" "$1" "$2" >>"$LOGS/startup.tsv"; }
seconds_since() { local ms=$(( $(now_ms) - $1 )); printf '%d.%03d' $(( ms / 1000 )) $(( ms % 1000 )); }
step() { printf '\n==> [%3ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
info() { printf '    %s\n' "$*"; }
die() { printf 'stack: %s\n' "$*" >&2; exit 1; }
warn() { printf 'stack: %s\n' "$*" >&2; } # like die, without the exit: the caller decides

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
# Exited: reaped, or a zombie whose threads have all ended ("Zl" still holds its sockets and files).
gone() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) || return 0; [[ $st == Z* && $st != *l* ]]; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
kill_pid() { # label pid [pidfile]: kill -9, as in a crash, then wait until it is gone (10 s at most)
  local deadline=$(( $(date +%s) + 10 ))
  if [ -z "$2" ]; then info "$1 is not running"; return; fi
  kill -9 "$2"
  until gone "$2" || [ "$(date +%s)" -ge "$deadline" ]; do sleep 0.1; done
  if [ -n "${3:-}" ]; then rm -f "$3"; fi
  info "$1 killed (kill -9 of pid $2)"
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
