#!/usr/bin/env bash
# A/B benchmark: the working tree against a git ref, side by side in one run, so that both
# builds see the same noisy minutes (on a shared machine, two separate runs cannot be compared).
#
#   src/test/scripts/bench-ab.sh <base-ref> [size-MiB] [rounds]     (default 1024 MiB, 5 rounds)
#
# Exports <base-ref> with `git archive` into a temp directory, starts each build with the
# README's run command (own port, own temp volume), runs io.volumegate.bench.UploadBench
# against both (they take turns going first), and stops both. Labels: "base" and "work".
# Environment as for bench-upload.sh: MODES (default: the four raw-socket modes), CHUNK_KIB,
# BENCH_DIR, SERVER_JAVA_OPTS, MVN_FLAGS, KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/../../.."

BASE_REF=${1:?usage: bench-ab.sh <base-ref> [size-MiB] [rounds]}
SIZE_MIB=${2:-1024}
ROUNDS=${3:-5}
ACCESS_KEY=benchadmin
SECRET_KEY=bench-secret-0123456789
MVN_FLAGS=${MVN_FLAGS:-}

WORK=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/vg-bench-ab.XXXXXX")
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  if [ "${KEEP:-0}" = 1 ] || [ "$status" -ne 0 ]; then
    echo "kept $WORK (server logs: $WORK/*.log)" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

. src/test/scripts/lib/free-port.sh

# start_server <label> <source dir>: the README's run command, in its own process group.
start_server() {
  local label=$1 dir=$2 port
  port=$(free_port)
  mkdir -p "$WORK/$label-volume"
  (
    cd "$dir"
    export VOLUMEGATE_ADMIN_ACCESS_KEY=$ACCESS_KEY VOLUMEGATE_ADMIN_SECRET_KEY=$SECRET_KEY
    if [ -n "${SERVER_JAVA_OPTS:-}" ]; then export JAVA_TOOL_OPTIONS=$SERVER_JAVA_OPTS; fi
    exec setsid mvn -B -q $MVN_FLAGS package payara-micro:start -DskipTests \
      -Dhttp.port="$port" -Dvolumegate.volume="$WORK/$label-volume" </dev/null >"$WORK/$label.log" 2>&1
  ) &
  local pid=$!
  PIDS+=("$pid")
  for i in $(seq 1 300); do
    if curl -fsS -m 2 "http://127.0.0.1:$port/-/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "$label did not start:" >&2; tail -40 "$WORK/$label.log" >&2; exit 1; fi
    if [ "$i" = 300 ]; then echo "$label: no health answer after 300 s" >&2; exit 1; fi
    sleep 1
  done
  ENDPOINTS+="${ENDPOINTS:+,}http://127.0.0.1:$port"
  JVM_PIDS+="${JVM_PIDS:+,}$(pgrep -P "$pid" -f payara-micro || echo 0)"
  echo "$label up on port $port" >&2
}

echo "exporting $BASE_REF ($(git rev-parse --short "$BASE_REF")) ..." >&2
mkdir -p "$WORK/base-src"
git archive "$BASE_REF" | tar -x -C "$WORK/base-src"

echo "building the benchmark client ..." >&2
mvn -B -q $MVN_FLAGS test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath.txt" >&2

ENDPOINTS=
JVM_PIDS=
# One at a time: two Maven builds at once would only slow each other down.
start_server base "$WORK/base-src"
start_server work "$PWD"

java -cp "target/test-classes:target/classes:$(cat "$WORK/classpath.txt")" io.volumegate.bench.UploadBench \
  --endpoint "$ENDPOINTS" --server-pid "$JVM_PIDS" --labels base,work \
  --access-key "$ACCESS_KEY" --secret-key "$SECRET_KEY" \
  --size-mib "$SIZE_MIB" --rounds "$ROUNDS" --chunk-kib "${CHUNK_KIB:-128}" --warmups "${WARMUPS:-1}" \
  --modes "${MODES:-unsigned,signed-hex,chunked-signed,chunked-unsigned}" --work "$WORK/client"
