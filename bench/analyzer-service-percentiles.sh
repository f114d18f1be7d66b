#!/usr/bin/env bash
# Percentile accuracy of the analyzer's merged HdrHistogram slices vs exact nearest-rank percentiles on >= 10M
# heavy-tailed samples, and 4-partition merge == single. Usage: bench/analyzer-service-percentiles.sh [samples]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
samples=${1:-10000000}
./mvnw -B -q -o -pl analyzer-service test -Dperfplane.test.excludedGroups= -Dgroups=benchmark \
  -Dtest=PercentileAccuracyBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.samples="$samples"
grep -A12 '^== percentile accuracy' analyzer-service/target/surefire-reports/*PercentileAccuracyBenchmark-output.txt
