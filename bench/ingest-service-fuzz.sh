#!/usr/bin/env bash
# Fuzzes ingest-service's parsers with Jazzer, one target at a time (Jazzer fuzzes a single test per JVM), each for
# its @FuzzTest maxDuration (2 minutes), and prints executions, exec/s and findings per target. Findings are written
# to ingest-service/src/test/resources/io/perfplane/ingest/fuzz/ParsersFuzzTestInputs/<target>/crash-* and replayed
# by every build from then on. Usage: bench/ingest-service-fuzz.sh [k6 nativeNdjson jmeter gatling k6Summary]
set -uo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(k6 nativeNdjson jmeter gatling k6Summary)
mkdir -p ingest-service/target/fuzz
for target in "${targets[@]}"; do
  log="ingest-service/target/fuzz/$target.log"
  JAZZER_FUZZ=1 ./mvnw -B -o -pl ingest-service test -Dtest="ParsersFuzzTest#$target" \
    -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1
  rc=$?
  done_line=$(grep -m1 '^Done [0-9]* runs' "$log" || echo "Done ? runs")
  runs=$(echo "$done_line" | awk '{print $2}'); secs=$(echo "$done_line" | awk '{print $5}')
  rate=$( [ "${secs:-0}" -gt 0 ] 2>/dev/null && echo $(( runs / secs )) || echo "?")
  finding=$(grep -m1 -o 'FuzzTestFindingException: .*' "$log" || true)
  printf '%-12s %10s runs in %4s s  %6s exec/s  %s\n' "$target" "$runs" "${secs:-?}" "$rate" \
    "$( [ $rc -eq 0 ] && echo 'no findings' || echo "FINDING (${finding:-see $log})")"
done
