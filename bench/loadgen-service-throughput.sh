#!/usr/bin/env bash
# Closed-model throughput of loadgen-service (64 virtual users, no think time, 10 s, every sample published to an
# in-process Kafka broker) vs wrk -t1 -c64 -d10s and autocannon -c 64 -d 10, and vs Gatling 3.14 (Java DSL, 64
# looping users over shared connections: bench/gatling/) and Locust (64 FastHttpUsers, one process:
# bench/locust/), all against the same nginx on loopback, same run. Gatling and Locust count requests after a
# warm-up in the same process (the warm-up-seconds argument). BENCH_PEERS=basic skips Gatling and Locust.
# Usage: bench/loadgen-service-throughput.sh [seconds] [connections] [warmup-seconds]
# The generator's JVM gets a fixed 1 GiB heap and the Parallel collector (BENCH_JVM_OPTS overrides), and an
# unmeasured warm-up run first (default 3 s, 0 disables) so the measured run sees JIT-compiled code, as a
# long-running generator would; the figures line prints the warm-up used.
# Installs its peers when missing: apt-get install -y nginx-light wrk python3-locust; npm i autocannon (in a temp
# dir); Gatling's jars from Maven Central into the Maven repository (MAVEN_ARGS applies).
# HTTP/2 row (h2_row below; BENCH_H2=0 skips it): loadgen with http: {version: 2} (h2c, prior knowledge, all users
# over BENCH_H2_CONNECTIONS connections, default 1) vs h2load -c <that> -m <users per connection>, against a second
# nginx listening with http2 on a cleartext port. Needs nghttp2-client (h2load), installed when missing.
# BENCH_SERVER_TIMING=1 makes nginx answer every request with 'Server-Timing: db;dur=1.2, app;dur=3.4' (the cost of
# capturing server timings, issue #21); without it no response has the header.
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

# --- Gatling and Locust peers (issue #20 item 5); each prints one figure, req/s after its warm-up. ---
peers=${BENCH_PEERS:-all}
# Gatling 3.14 (Java DSL) from its own tiny Maven project; on JDK 25 it needs java.lang opened (StringInternals).
gatling_rps() {
  ./mvnw -B -q -f bench/gatling/pom.xml compile dependency:build-classpath \
    -Dmdep.outputFile="$work/gatling.classpath" >/dev/null
  "$JAVA_HOME/bin/java" --add-opens java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
    $jvm_opts -Dbench.target="$target" -Dbench.users="$connections" -Dbench.seconds="$seconds" \
    -Dbench.warmupSeconds="$warmup" -cp "bench/gatling/target/classes:$(cat "$work/gatling.classpath")" \
    io.gatling.app.Gatling -s perfplane.bench.ThroughputSimulation -rf "$work/gatling-results" -nr \
    >"$work/gatling.out" 2>&1 || { cat "$work/gatling.out" >&2; return 1; }
  sed -nE 's/^== gatling rps=([0-9]+).*/\1/p' "$work/gatling.out"
}
# Locust (Debian's python3-locust): FastHttpUser, headless, one process; statistics reset after the warm-up.
locust_rps() {
  command -v locust >/dev/null || apt-get install -y -q python3-locust >/dev/null
  BENCH_WARMUP="$warmup" locust -f bench/locust/throughput_locustfile.py --headless -u "$connections" \
    -r "$connections" -t "$((seconds + warmup))s" -H "$target" --only-summary --loglevel WARNING \
    >"$work/locust.out" 2>&1 || { cat "$work/locust.out" >&2; return 1; }
  sed -nE 's/^== locust rps=([0-9]+).*/\1/p' "$work/locust.out"
}

echo "== target: nginx (1 worker) at $target; ${seconds}s, ${connections} connections each; machine: $(nproc) cores," \
  "load $(cut -d' ' -f1-3 /proc/loadavg); generator JVM: $jvm_opts"
./mvnw -B -q -o -pl loadgen-service test-compile >/dev/null
wrk_rps=$(wrk -t1 -c"$connections" -d"${seconds}s" "$target/" | awk '/Requests\/sec/ {print $2}')
ac_rps=$("$work/node_modules/.bin/autocannon" -j -c "$connections" -d "$seconds" "$target/" 2>/dev/null \
  | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["requests"]["average"]))')
if [ "$peers" = all ]; then
  gatling=$(gatling_rps)
  locust=$(locust_rps)
fi
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
if [ "$peers" = all ]; then
  printf '%-28s %10s req/s   (%s users, %ss after a %ss warm-up)\n' "Gatling 3.14 (Java DSL)" "$gatling" \
    "$connections" "$seconds" "$warmup" "Locust FastHttpUser, 1 proc" "$locust" "$connections" "$seconds" "$warmup"
  python3 - "$ours" "$gatling" "$locust" <<'PY'
import sys
ours, gatling, locust = (float(x) for x in sys.argv[1:])
print(f"ratio vs Gatling: {ours / gatling:.2f}x (goal > 1x)   ratio vs Locust: {ours / locust:.2f}x (goal > 1x)")
PY
fi

# --- HTTP/2 row: a second nginx (h2c on a cleartext port), loadgen with http: {version: 2} vs h2load ---
h2_row() {
  local h2_connections=${BENCH_H2_CONNECTIONS:-1}
  local streams=$(( (connections + h2_connections - 1) / h2_connections ))
  command -v h2load >/dev/null || apt-get install -y -q nghttp2-client >/dev/null
  local h2port
  h2port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$work/h2"
  sed -e "s|pid $work/nginx.pid;|pid $work/h2/nginx.pid;|" \
    -e "s|listen 127.0.0.1:$port;|listen 127.0.0.1:$h2port http2; http2_max_concurrent_streams 1024;|" \
    "$work/nginx.conf" > "$work/h2/nginx.conf"
  nginx -c "$work/h2/nginx.conf" -p "$work"
  trap 'kill "$(cat "$work/nginx.pid" 2>/dev/null)" "$(cat "$work/h2/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT
  local h2target="http://127.0.0.1:$h2port"
  sleep 0.5
  echo "== HTTP/2 (h2c prior knowledge) target: nginx (1 worker) at $h2target; ${seconds}s, ${connections} users/streams" \
    "over ${h2_connections} connection(s)"
  local h2load_rps
  h2load_rps=$(h2load -c "$h2_connections" -m "$streams" -t 1 -D "$seconds" --warm-up-time="${warmup}s" "$h2target/" \
    | awk '/^finished in/ {print $4}')
  JDK_JAVA_OPTIONS="$jvm_opts" ./mvnw -B -q -o -pl loadgen-service test -Dperfplane.test.excludedGroups= \
    -Dgroups=benchmark -Dtest=LoadgenThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.target="$h2target" -Dbench.seconds="$seconds" -Dbench.vus="$connections" -Dbench.http=2 \
    -Dbench.h2Connections="$h2_connections" -Dbench.warmupSeconds="$warmup" >/dev/null 2>&1 \
    || { echo "HTTP/2 benchmark failed: see loadgen-service/target/surefire-reports/*LoadgenThroughputBenchmark*" >&2
         return 1; }
  local h2line h2ours
  h2line=$(grep -h '^== loadgen throughput' loadgen-service/target/surefire-reports/*LoadgenThroughputBenchmark-output.txt)
  h2ours=$(sed -E 's/.* rps=([0-9]+).*/\1/' <<<"$h2line")
  echo "$h2line"
  printf '%-28s %10s req/s\n' "perfplane loadgen h2c" "$h2ours" "h2load -c$h2_connections -m$streams" "$h2load_rps"
  python3 -c 'import sys; print(f"HTTP/2 ratio vs h2load: {float(sys.argv[1]) / float(sys.argv[2]):.2f}x")' \
    "$h2ours" "$h2load_rps"
}
[ "${BENCH_H2:-1}" = 0 ] || h2_row
