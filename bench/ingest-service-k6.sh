#!/usr/bin/env bash
# Ingest throughput of a k6 --out json file (>= 5M points) through ingest-service (HTTP streaming, parse, join,
# validate, Avro, acks=all into an in-process broker) vs `cat file > /dev/null` and vs a raw KafkaProducer of the
# same number of RequestSamples, same run. Usage: bench/ingest-service-k6.sh [points]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
points=${1:-5000000}
requests=$(( (points * 10 + 90) / 91 ))
file="$PWD/ingest-service/target/bench/k6-$requests.ndjson"
./mvnw -B -q -o -pl ingest-service test -Dperfplane.test.excludedGroups= -Dgroups=benchmark \
  -Dtest=K6IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.points="$points" -Dbench.file="$file"
grep -A6 '^== k6 ingest benchmark' ingest-service/target/surefire-reports/*K6IngestBenchmark-output.txt
# The classic raw read, same file, page cache warm from the run above.
start=$(date +%s.%N); cat "$file" > /dev/null; end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v b="$(stat -c %s "$file")" -v r="$requests" \
  'BEGIN { t = e - s; printf "cat file > /dev/null         %8.2f s  %12.0f requests/s-equivalent  %8.0f MiB/s\n", t, r / t, b / 1048576 / t }'
