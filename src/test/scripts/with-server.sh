#!/usr/bin/env bash
# Runs a command against a VolumeGate started with the README's run command, then stops it.
#
#   src/test/scripts/with-server.sh COMMAND [ARG...]
#
# Starts `mvn -B -q package payara-micro:start -DskipTests` from the repository root on a free
# port of 127.0.0.1, with a fresh volume in a temp directory and an admin credential invented
# here (VOLUMEGATE_ADMIN_ACCESS_KEY / VOLUMEGATE_ADMIN_SECRET_KEY), waits until
# GET /-/health answers, and runs COMMAND with
#   ENDPOINT               http://127.0.0.1:<port>
#   AWS_ACCESS_KEY_ID      the admin access key
#   AWS_SECRET_ACCESS_KEY  its secret
#   AWS_DEFAULT_REGION     us-east-1
#   VOLUME                 the volume directory (buckets are its top-level directories)
# Whatever happens, the server's whole process group is stopped and the volume removed; the
# exit status is COMMAND's (or non-zero when the server did not start or would not stop).
# The server's console (Maven and Payara Micro) goes to target/server-logs/; its end is
# printed when the server fails to start or the command fails.
#
# Settings: VOLUMEGATE_START_TIMEOUT (seconds to wait for health; default 600, as the first
# run on a new machine downloads Payara Micro), VOLUMEGATE_KEEP_VOLUME=1 keeps the volume.
set -uo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

repo=$(cd "$(dirname "$0")/../../.." && pwd)
start_timeout=${VOLUMEGATE_START_TIMEOUT:-600}
stop_timeout=30

log() { echo "with-server: $*" >&2; }

# A port nobody listens on: connecting to it fails. (A race with another process taking it
# before Payara binds is possible but harmless: Payara then fails and we say so.)
free_port() {
  local port tries
  for tries in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

port=$(free_port) || { log "no free port found"; exit 1; }
volume=$(mktemp -d "${TMPDIR:-/tmp}/volumegate-volume.XXXXXX")
mkdir -p "$repo/target/server-logs"
server_log=$(mktemp "$repo/target/server-logs/server-XXXXXX.log")
access_key="VGCI$(random_hex 8 | tr 'a-f' 'A-F')"
secret_key=$(random_hex 20)
server_pid=""
command_pid=""

# Stops the server: SIGTERM to its process group (Maven and the Payara Micro JVM it forked),
# SIGKILL after a grace period, then checks that no process of the group, nor any JVM
# serving this run's volume, is left.
stop_server() {
  [ -n "$server_pid" ] || return 0
  local deadline leftovers
  kill -TERM -- "-$server_pid" 2>/dev/null
  deadline=$((SECONDS + stop_timeout))
  while pgrep -g "$server_pid" >/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.5; done
  if pgrep -g "$server_pid" >/dev/null; then
    log "server did not stop within ${stop_timeout}s; killing it"
    kill -KILL -- "-$server_pid" 2>/dev/null
    sleep 1
  fi
  wait "$server_pid" 2>/dev/null
  # A JVM that left the process group would still carry our unique volume path.
  leftovers=$( (pgrep -g "$server_pid"; pgrep -f -- "-Dvolumegate.volume=$volume") | sort -u)
  server_pid=""
  if [ -n "$leftovers" ]; then
    log "processes of the server are still running: $(echo $leftovers)"
    return 1
  fi
  return 0
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  if [ -n "$command_pid" ] && kill -0 "$command_pid" 2>/dev/null; then
    kill -TERM -- "-$command_pid" 2>/dev/null   # interrupted: the command goes first
    wait "$command_pid" 2>/dev/null
  fi
  if ! stop_server; then
    [ "$status" -ne 0 ] || status=1
  fi
  if [ "${VOLUMEGATE_KEEP_VOLUME:-}" = 1 ]; then
    log "volume kept in $volume"
  else
    rm -rf "$volume"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

show_server_log() {
  log "last lines of the server log $server_log:"
  tail -n "${1:-80}" "$server_log" | sed 's/^/  | /' >&2
}

log "starting VolumeGate on 127.0.0.1:$port, volume $volume, log $server_log"
cd "$repo" || exit 1
# setsid: the run command and the JVM it forks get a process group of their own (our
# non-interactive shell does not make background jobs group leaders, so setsid does not
# fork and $! is the group's id), which stop_server signals as a whole.
# The public endpoint only names this server in what it prints and the URLs it makes.
VOLUMEGATE_ADMIN_ACCESS_KEY=$access_key VOLUMEGATE_ADMIN_SECRET_KEY=$secret_key \
  VOLUMEGATE_PUBLIC_ENDPOINT="http://127.0.0.1:$port" \
  setsid mvn -B -q package payara-micro:start -DskipTests \
    "-Dhttp.port=$port" "-Dvolumegate.volume=$volume" </dev/null >"$server_log" 2>&1 &
server_pid=$!
if [ "$(ps -o pgid= -p "$server_pid" | tr -d ' ')" != "$server_pid" ]; then
  log "the server did not get a process group of its own"
  exit 1
fi

endpoint="http://127.0.0.1:$port"
started=$SECONDS
until curl -fsS --max-time 5 -o /dev/null "$endpoint/-/health" 2>/dev/null; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    log "the run command ended before the server was healthy"
    show_server_log
    exit 1
  fi
  if [ $((SECONDS - started)) -ge "$start_timeout" ]; then
    log "no healthy answer from $endpoint/-/health within ${start_timeout}s"
    show_server_log
    exit 1
  fi
  sleep 1
done
log "healthy after $((SECONDS - started))s: $endpoint"

# In the background, in a process group of its own, and waited for: bash runs a trap only
# once the foreground command has ended, but interrupts `wait` at once, so a Ctrl-C or a
# TERM stops the command and the server right away.
ENDPOINT=$endpoint AWS_ACCESS_KEY_ID=$access_key AWS_SECRET_ACCESS_KEY=$secret_key \
  AWS_DEFAULT_REGION=us-east-1 VOLUME=$volume setsid "$@" </dev/null &
command_pid=$!
wait "$command_pid"
status=$?
command_pid=""
if [ "$status" -ne 0 ]; then
  log "command exited with status $status"
  show_server_log 60
fi
exit "$status"
