#!/usr/bin/env bash
# Heap retained per active (run, endpoint) series of the analyzer vs the 100 KB target: latency, a named
# measurement (server_timing.db, issue #21) and the check outcomes, each kept as the same LatencySlices.
# Usage: bench/analyzer-service-memory.sh [series] [endpoints-per-run]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
series=${1:-1000}
endpoints=${2:-5}
./mvnw -B -q -o -pl analyzer-service test -Dperfplane.test.excludedGroups= -Dgroups=benchmark \
  -Dtest=SeriesMemoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.series="$series" -Dbench.endpoints="$endpoints"
grep -h -A4 '^== analyzer memory' analyzer-service/target/surefire-reports/*SeriesMemoryBenchmark-output.txt
