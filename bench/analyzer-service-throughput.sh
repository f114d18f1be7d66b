#!/usr/bin/env bash
# End-to-end samples/s through the analyzer's Kafka Streams topology (EOS v2) vs a raw Kafka consumer reading the
# same topic from the same in-process broker, same run. Usage: bench/analyzer-service-throughput.sh [samples] [threads]
# BENCH_ROUNDS=3 rounds (medians compared); BENCH_COMMIT_MS=500 sets commit.interval.ms (default 200, as application.yml).
# BENCH_JFR=/path/drain.jfr also records a JFR profile (CPU samples, allocations) of the analyzer's drain phase.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
samples=${1:-2000000}
threads=${2:-2}
./mvnw -B -q -o -pl analyzer-service test -Dperfplane.test.excludedGroups= -Dgroups=benchmark \
  -Dtest=AnalyzerThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.samples="$samples" -Dbench.threads="$threads" ${BENCH_JFR:+-Dbench.jfr="$BENCH_JFR"} \
  ${BENCH_COMMIT_MS:+-Dbench.commitMs="$BENCH_COMMIT_MS"} ${BENCH_ROUNDS:+-Dbench.rounds="$BENCH_ROUNDS"}
out=analyzer-service/target/surefire-reports/io.perfplane.analyzer.stream.AnalyzerThroughputBenchmark-output.txt
grep -E '^(warm-up|round) [0-9]+:' "$out"
grep -A7 '^== analyzer throughput' "$out"
