#!/usr/bin/env bash
# Memory of loadgen-service at scale: 10,000 closed-model users with a uniform 1-6 s think time (two requests per
# iteration) against nginx on loopback, every sample published to an in-process Kafka broker, in a JVM capped at
# -Xmx512m. Prints the peak heap in use after a full GC during the sustain stage, users reached, req/s, errors and
# the peer expectation. Usage: bench/loadgen-service-memory.sh [users] [sustain-seconds] [ramp-seconds]
# Installs nginx-light when missing. Needs ~2 file descriptors per user on each side: raises ulimit -n as far as the
# hard limit allows.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
vus=${1:-10000}
seconds=${2:-30}
ramp=${3:-20}
heap=${BENCH_HEAP:-512m}

command -v nginx >/dev/null || apt-get install -y -q nginx-light >/dev/null
fds=$(ulimit -Hn)
[[ $fds == unlimited ]] && fds=1048576
(( fds > 1048576 )) && fds=1048576
ulimit -n "$fds"
if (( fds < vus + 2048 )); then
  echo "ulimit -n hard limit $fds is too low for $vus users (need ~$((vus + 2048)))" >&2
  exit 1
fi
work=$(mktemp -d)
chmod 755 "$work" # nginx workers run unprivileged and must read the document root
trap 'kill "$(cat "$work/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/html" "$work/logs" "$work/tmp"
printf 'hello' > "$work/html/index.html"
cat > "$work/nginx.conf" <<NGINX
worker_processes 1;
worker_rlimit_nofile $fds;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections $((fds - 64)); }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 300s;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$port backlog=16384; root $work/html; location / { index index.html; } }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"
target="http://127.0.0.1:$port"
sleep 0.5
curl -sf "$target/" >/dev/null

echo "== target: nginx (1 worker, ${fds} fds) at $target; $vus users, ramp ${ramp}s, sustain ${seconds}s, -Xmx$heap;" \
  "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
./mvnw -B -q -o -pl loadgen-service test-compile >/dev/null
# JDK_JAVA_OPTIONS reaches the forked test JVM (the root pom fixes its argLine); Maven itself runs fine within it.
JDK_JAVA_OPTIONS="-Xmx$heap" ./mvnw -B -q -o -pl loadgen-service test -Dperfplane.test.excludedGroups= \
  -Dgroups=benchmark -Dtest=LoadgenMemoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.target="$target" -Dbench.vus="$vus" -Dbench.seconds="$seconds" -Dbench.rampSeconds="$ramp" \
  >/dev/null 2>&1 \
  || { echo "benchmark failed: see loadgen-service/target/surefire-reports/*LoadgenMemoryBenchmark*" >&2; exit 1; }
line=$(grep -h '^== loadgen memory' loadgen-service/target/surefire-reports/*LoadgenMemoryBenchmark-output.txt)
echo "$line"
python3 - "$line" "$vus" <<'PY'
import re, sys
fields = dict(re.findall(r'(\w+)=(\S+)', sys.argv[1]))
vus = int(sys.argv[2])
peak, run = float(fields['peakHeapMb']), float(fields['runHeapMb'])
print(f"{'perfplane loadgen (+Kafka)':30} peak heap {peak:7.1f} MB (run share {run:.1f} MB, {run * 1024 / vus:.1f} KB/user)"
      f"  users {fields['peakVus']}/{vus}  {fields['rps']} req/s sustained (expected {fields['expectedRps']})"
      f"  errors {fields['errors']}/{fields['requests']}"
      f"  samples dropped {fields['samplesDropped']}")
# k6 cannot be installed here (only from its own apt repository). Its maintainers expect "around 2.7-3MB /VU for
# such small scripts" (grafana/k6#1543): process memory of one JavaScript VM per VU, not a heap figure.
print(f"{'k6 (expected, not run)':30} ~{vus * 2.7 / 1024:.0f}-{vus * 3 / 1024:.0f} GB process memory for {vus} VUs"
      " (2.7-3 MB per VU, grafana/k6#1543)")
print(f"target: peak heap <= 512 MB: {'PASS' if peak <= 512 and fields['state'] == 'FINISHED' else 'FAIL'}")
PY
