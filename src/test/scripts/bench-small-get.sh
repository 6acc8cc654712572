#!/usr/bin/env bash
# Small-GET A/B benchmark of one build with a setting changed: by default the cost of the
# metrics (VOLUMEGATE_METRICS_ENABLED=false, "off", against the default, "on"). Builds the
# WAR, starts it twice on Payara Micro (own ports, own temp volumes, the run command's
# preboot commands), runs io.volumegate.bench.SmallGetBench against both (they take turns
# going first each round), and stops both.
#
#   src/test/scripts/bench-small-get.sh [requests-per-round] [rounds]    (default 20000, 5)
#
# Environment:
#   A_LABEL, A_ENV    first server: label (default "off") and its environment
#                     (default "VOLUMEGATE_METRICS_ENABLED=false")
#   B_LABEL, B_ENV    second server (default "on", no extra environment)
#   A_WAR, B_WAR      the WAR each server runs (default target/volumegate.war, built here), so a
#                     build of an earlier commit can be measured against this one
#   SIZE_BYTES        object size (default 1024); CONNECTIONS (default 2); WARMUP GETs (default 20000)
#   SERVER_JAVA_OPTS  JVM options of both servers (default "-Xmx512m")
#   MVN_FLAGS         extra Maven flags, e.g. -o;  KEEP=1 keeps the temp directory
#
# Prints per-round requests/s and server CPU microseconds per request, the medians, and
# B / A ratios. Read the CPU ratio: it is the server's own cost, whatever else the machine does.
set -euo pipefail
cd "$(dirname "$0")/../../.."

REQUESTS=${1:-20000}
ROUNDS=${2:-5}
ACCESS_KEY=benchadmin
SECRET_KEY=bench-secret-0123456789
MVN_FLAGS=${MVN_FLAGS:-}
A_LABEL=${A_LABEL:-off}
A_ENV=${A_ENV:-VOLUMEGATE_METRICS_ENABLED=false}
B_LABEL=${B_LABEL:-on}
B_ENV=${B_ENV:-}

WORK=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/vg-bench-get.XXXXXX")
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ "${KEEP:-0}" = 1 ] || [ "$status" -ne 0 ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

. src/test/scripts/lib/free-port.sh

echo "building ..." >&2
mvn -B -q $MVN_FLAGS package test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath.txt" >&2
mvn -B -q $MVN_FLAGS dependency:copy -Dartifact=fish.payara.extras:payara-micro:6.2025.10 -DoutputDirectory="$WORK" >&2
MICRO=$(ls "$WORK"/payara-micro-*.jar)

ENDPOINTS=() SERVER_PIDS=()
start_server() { # <label> <env assignments> <war>
  local label=$1 env=$2 war=$3 port
  port=$(free_port)
  mkdir -p "$WORK/$label-volume"
  env VOLUMEGATE_ADMIN_ACCESS_KEY=$ACCESS_KEY VOLUMEGATE_ADMIN_SECRET_KEY=$SECRET_KEY $env \
    java ${SERVER_JAVA_OPTS:--Xmx512m} -Dvolumegate.volume="$WORK/$label-volume" -jar "$MICRO" --nohazelcast \
    --port "$port" --prebootcommandfile deployment-descriptors/payara/preboot-commands.asadmin \
    --deploy "$war" --contextroot / </dev/null >"$WORK/$label.log" 2>&1 &
  PIDS+=($!)
  SERVER_PIDS+=($!)
  ENDPOINTS+=("http://127.0.0.1:$port")
}
start_server "$A_LABEL" "$A_ENV" "${A_WAR:-target/volumegate.war}"
start_server "$B_LABEL" "$B_ENV" "${B_WAR:-target/volumegate.war}"
for endpoint in "${ENDPOINTS[@]}"; do
  for i in $(seq 1 300); do
    curl -fsS -m 2 "$endpoint/-/health" >/dev/null 2>&1 && break
    [ "$i" = 300 ] && { echo "no health answer from $endpoint" >&2; exit 1; }
    sleep 1
  done
done
echo "servers up: ${ENDPOINTS[*]} (pids ${SERVER_PIDS[*]})" >&2

join() { local IFS=,; echo "$*"; }
java -cp "target/test-classes:target/classes:$(cat "$WORK/classpath.txt")" io.volumegate.bench.SmallGetBench \
  --endpoint "$(join "${ENDPOINTS[@]}")" --server-pid "$(join "${SERVER_PIDS[@]}")" --labels "$A_LABEL,$B_LABEL" \
  --access-key "$ACCESS_KEY" --secret-key "$SECRET_KEY" --size-bytes "${SIZE_BYTES:-1024}" \
  --requests "$REQUESTS" --rounds "$ROUNDS" --connections "${CONNECTIONS:-2}" --warmup "${WARMUP:-20000}"
