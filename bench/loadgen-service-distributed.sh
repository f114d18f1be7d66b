#!/usr/bin/env bash
# Distributed loadgen: two instances (two Spring applications on one in-process broker) share a 200/s
# constant-arrival-rate run through the run-shards consumer group; prints the rate the target served over the
# window both shards were sending, against the plan's 200/s (acceptance: within 5 %; the test fails otherwise).
# Usage: bench/loadgen-service-distributed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
status=0
./mvnw -B -q -o -pl contracts,loadgen-service test -Dperfplane.test.excludedGroups= -Dgroups=benchmark \
  -Dtest='DistributedRunTest#twoInstancesTogetherHonourTheTotalRateWithinFivePercent' \
  -Dsurefire.failIfNoSpecifiedTests=false >/dev/null || status=$?
grep -h '^dist-rate-bench: ' loadgen-service/target/surefire-reports/*DistributedRunTest-output.txt
exit "$status"
