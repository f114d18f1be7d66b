#!/usr/bin/env bash
# Closed-model throughput of loadgen-service (64 virtual users, no think time, 10 s, every sample published to an
# in-process Kafka broker) vs wrk -t1 -c64 -d10s and autocannon -c 64 -d 10, all against the same nginx on loopback,
# same run. Usage: bench/loadgen-service-throughput.sh [seconds] [connections] [warmup-seconds]
# The generator's JVM gets a fixed 1 GiB heap and the Parallel collector (BENCH_JVM_OPTS overrides), and an
# unmeasured warm-up run first (default 3 s, 0 disables) so the measured run sees JIT-compiled code, as a
# long-running generator would; the figures line prints the warm-up used.
# BENCH_SERVER_TIMING=1 makes nginx answer every request with 'Server-Timing: db;dur=1.2, app;dur=3.4' (the cost of
# capturing server timings, issue #21); without it no response has the header.
# Installs its peers when missing: apt-get install -y nginx-light wrk; npm i autocannon (in a temp dir).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
seconds=${1:-10}
connections=${2:-64}
warmup=${3:-3}
jvm_opts=${BENCH_JVM_OPTS:--XX:+UseParallelGC -Xms1g -Xmx1g}

command -v nginx >/dev/null && command -v wrk >/dev/null || apt-get install -y -q nginx-light wrk >/dev/null
work=$(mktemp -d)
chmod 755 "$work" # nginx workers run unprivileged and must read the document root
trap 'kill "$(cat "$work/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$work" && npm i --silent --no-audit --no-fund autocannon >/dev/null 2>&1)

server_timing=""
if [ "${BENCH_SERVER_TIMING:-0}" = 1 ]; then server_timing='add_header Server-Timing "db;dur=1.2, app;dur=3.4";'; fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/html" "$work/logs"
printf 'hello' > "$work/html/index.html"
cat > "$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$port; root $work/html; location / { index index.html; $server_timing } }
}
NGINX
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work"
target="http://127.0.0.1:$port"
sleep 0.5
curl -sf "$target/" >/dev/null

echo "== target: nginx (1 worker) at $target; ${seconds}s, ${connections} connections each; machine: $(nproc) cores," \
  "load $(cut -d' ' -f1-3 /proc/loadavg); generator JVM: $jvm_opts"
./mvnw -B -q -o -pl loadgen-service test-compile >/dev/null
wrk_rps=$(wrk -t1 -c"$connections" -d"${seconds}s" "$target/" | awk '/Requests\/sec/ {print $2}')
ac_rps=$("$work/node_modules/.bin/autocannon" -j -c "$connections" -d "$seconds" "$target/" 2>/dev/null \
  | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["requests"]["average"]))')
# JDK_JAVA_OPTIONS reaches the forked test JVM (the root pom fixes its argLine); Maven itself runs fine with it.
JDK_JAVA_OPTIONS="$jvm_opts" ./mvnw -B -q -o -pl loadgen-service test -Dperfplane.test.excludedGroups= \
  -Dgroups=benchmark -Dtest=LoadgenThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.target="$target" -Dbench.seconds="$seconds" -Dbench.vus="$connections" \
  -Dbench.warmupSeconds="$warmup" >/dev/null 2>&1 \
  || { echo "benchmark failed: see loadgen-service/target/surefire-reports/*LoadgenThroughputBenchmark*" >&2; exit 1; }
line=$(grep -h '^== loadgen throughput' loadgen-service/target/surefire-reports/*LoadgenThroughputBenchmark-output.txt)
ours=$(sed -E 's/.* rps=([0-9]+).*/\1/' <<<"$line")
echo "$line"
printf '%-28s %10s req/s\n' "perfplane loadgen (+Kafka)" "$ours" "wrk -t1 -c$connections" "$wrk_rps" \
  "autocannon -c $connections" "$ac_rps"
python3 - "$ours" "$wrk_rps" "$ac_rps" <<'PY'
import sys
ours, wrk, ac = (float(x) for x in sys.argv[1:])
print(f"ratio vs wrk: {ours / wrk:.2f}x (target >= 0.5x)   ratio vs autocannon: {ours / ac:.2f}x (target >= 1.3x)")
PY
