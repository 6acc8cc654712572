#!/usr/bin/env bash
# What versions cost on the volume: io.volumegate.bench.VersioningBench (a 64 MiB overwrite in
# a versioned bucket against an unversioned one, and paging through 10,000 objects x 3
# versions with the heap measured at every page). Storage-level: no server is started.
#
#   src/test/scripts/bench-versions.sh [rounds] [objects]     (default 9, 10000)
#
# BENCH_DIR: where the temp volume goes (default target/; put it on the filesystem you serve).
# MVN_FLAGS: extra Maven flags, e.g. -o.
set -euo pipefail
cd "$(dirname "$0")/../../.."

WORK=$(mktemp -d "${BENCH_DIR:-target}/vg-bench-versions.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mvn -B -q ${MVN_FLAGS:-} test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath.txt" >&2
java -Xmx256m -cp "target/test-classes:target/classes:$(cat "$WORK/classpath.txt")" io.volumegate.bench.VersioningBench \
  "$WORK" "${1:-9}" "${2:-10000}"
