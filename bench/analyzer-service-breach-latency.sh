#!/usr/bin/env bash
# Breach detection latency (SLO with for: 0, i.e. from the moment a breach is due): event time of the first violating sample -> OPENED breach at a read_committed consumer of
# slo-breaches, through the analyzer topology (EOS v2, 200 ms commits) on the in-process broker. Target: p99 <= 1 s.
# Usage: bench/analyzer-service-breach-latency.sh [seconds] [runs] [samples/s per run]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
seconds=${1:-60}
runs=${2:-20}
rate=${3:-200}
./mvnw -B -q -o -pl analyzer-service test -Dperfplane.test.excludedGroups= -Dgroups=benchmark \
  -Dtest=BreachLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.seconds="$seconds" -Dbench.runs="$runs" -Dbench.rate="$rate"
grep -A4 '^== breach detection latency' analyzer-service/target/surefire-reports/*BreachLatencyBenchmark-output.txt
