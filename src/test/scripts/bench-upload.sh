#!/usr/bin/env bash
# Upload/download benchmark: starts VolumeGate with the README's run command on a free port
# and a fresh temp volume, runs io.volumegate.bench.UploadBench against it, stops the server.
#
#   src/test/scripts/bench-upload.sh [size-MiB] [rounds]        (default 1024 MiB, 3 rounds)
#
# Environment:
#   MODES             comma list (default all): unsigned, signed-hex, chunked-signed,
#                     chunked-unsigned, sdk
#   CHUNK_KIB         aws-chunked chunk size of the raw-socket modes (default 128, as SDK v2)
#   WARMUPS           untimed uploads of every mode before the timed rounds (default 1: JIT)
#   BENCH_DIR         parent of the temp directory; put it on the disk you want to measure
#                     (default $TMPDIR or /tmp). The volume, the payload and the dd/cp
#                     baselines all live in it, so they share one filesystem.
#   SERVER_JAVA_OPTS  extra JVM options for the server, e.g. the integration tests' ones:
#                     "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m". Passed as
#                     JAVA_TOOL_OPTIONS to the run command, so Maven's own JVM gets them too.
#   JFR=1             record the server with JFR (settings=profile) from the first timed round to the
#                     end; the file is kept as $BENCH_DIR/vg-bench.*/server.jfr.
#   MVN_FLAGS         extra Maven flags, e.g. -o
#   KEEP=1            keep the temp directory (server log, volume, JFR file)
#
# Prints per-round times and a table of medians: seconds, MiB/s and "x dd", the time as a
# multiple of `dd conv=fsync` of the same bytes in the same round (1.00 = as fast as dd).
# Compare runs by "x dd", not by MiB/s: the machine may be shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/../../.."

SIZE_MIB=${1:-1024}
ROUNDS=${2:-3}
ACCESS_KEY=benchadmin
SECRET_KEY=bench-secret-0123456789
MVN_FLAGS=${MVN_FLAGS:-}

WORK=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/vg-bench.XXXXXX")
SERVER_PID=
cleanup() {
  local status=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    # The run command runs in its own process group (setsid): Maven and the Payara Micro JVM it forked.
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ] || [ "$status" -ne 0 ]; then
    echo "kept $WORK (server log: $WORK/server.log)" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

. src/test/scripts/lib/free-port.sh
PORT=$(free_port)

echo "building the benchmark client ..." >&2
mvn -B -q $MVN_FLAGS test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath.txt" >&2

echo "starting VolumeGate on 127.0.0.1:$PORT, volume $WORK/volume ..." >&2
mkdir -p "$WORK/volume"
(
  export VOLUMEGATE_ADMIN_ACCESS_KEY=$ACCESS_KEY VOLUMEGATE_ADMIN_SECRET_KEY=$SECRET_KEY
  if [ -n "${SERVER_JAVA_OPTS:-}" ]; then export JAVA_TOOL_OPTIONS=$SERVER_JAVA_OPTS; fi
  exec setsid mvn -B -q $MVN_FLAGS package payara-micro:start -DskipTests \
    -Dhttp.port="$PORT" -Dvolumegate.volume="$WORK/volume" </dev/null >"$WORK/server.log" 2>&1
) &
SERVER_PID=$!

for i in $(seq 1 300); do
  if curl -fsS -m 2 "http://127.0.0.1:$PORT/-/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "the server did not start:" >&2; tail -40 "$WORK/server.log" >&2; exit 1; fi
  if [ "$i" = 300 ]; then echo "no health answer after 300 s" >&2; exit 1; fi
  sleep 1
done
PAYARA_PID=$(pgrep -P "$SERVER_PID" -f payara-micro || true)
echo "server up: Maven pid $SERVER_PID, Payara Micro pid ${PAYARA_PID:-?}${SERVER_JAVA_OPTS:+, JVM options: $SERVER_JAVA_OPTS}" >&2

if [ -n "${JFR:-}" ] && [ -n "$PAYARA_PID" ]; then
  # From the first timed round (UploadBench creates the marker after the warm-up) to the end.
  (
    for _ in $(seq 1 3000); do [ -e "$WORK/client/.uploading" ] && break; sleep 0.2; done
    jcmd "$PAYARA_PID" JFR.start name=bench settings=profile >&2
  ) &
  JFR_STARTER=$!
fi

java -cp "target/test-classes:target/classes:$(cat "$WORK/classpath.txt")" io.volumegate.bench.UploadBench \
  --endpoint "http://127.0.0.1:$PORT" --access-key "$ACCESS_KEY" --secret-key "$SECRET_KEY" \
  --size-mib "$SIZE_MIB" --rounds "$ROUNDS" --chunk-kib "${CHUNK_KIB:-128}" --warmups "${WARMUPS:-1}" \
  --modes "${MODES:-unsigned,signed-hex,chunked-signed,chunked-unsigned,sdk}" --work "$WORK/client" \
  --server-pid "${PAYARA_PID:-0}"

if [ -n "${JFR:-}" ] && [ -n "$PAYARA_PID" ]; then
  wait "$JFR_STARTER" || true
  jcmd "$PAYARA_PID" JFR.stop name=bench filename="$WORK/server.jfr" >&2
  KEEP=1
fi
