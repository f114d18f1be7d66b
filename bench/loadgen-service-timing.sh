#!/usr/bin/env bash
# Timing fidelity of loadgen-service's open model: a fixed arrival rate against a local server that stalls once for
# 1 s; prints CO-corrected (from the intended start) and raw (service time) p99/p99.9 beside the analytic values.
# Usage: bench/loadgen-service-timing.sh [rate-per-second] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
rate=${1:-200}
seconds=${2:-10}
./mvnw -B -q -o -pl loadgen-service test -Dperfplane.test.excludedGroups= -Dgroups=benchmark \
  -Dtest=LoadgenTimingFidelityBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.rate="$rate" -Dbench.seconds="$seconds" >/dev/null
grep -h '^== ' loadgen-service/target/surefire-reports/*LoadgenTimingFidelityBenchmark-output.txt
