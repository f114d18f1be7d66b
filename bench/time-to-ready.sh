#!/usr/bin/env bash
# Time to ready: from typing the command to the analyzer counting the run's first sample, for
#   ./perfplane analyze k6 <tiny file>              (ingest, analyzer, cost on the embedded pipeline)
#   ./perfplane run <tiny definition> --target ...  (loadgen, analyzer, cost on the embedded pipeline)
# and ./perfplane demo (five services, until its load runs), each with the JDK 25 AOT caches (after) and without
# (PERFPLANE_AOT=off: before), alternating. Target: <= 15 s on the 2-core reference machine.
# Usage: bench/time-to-ready.sh [rounds]   (default 2)
# Each figure is measured from this script's clock just before the command is started to the wall-clock instant the
# launcher reports (summary JSON "timing": readyAt, firstSampleAnalyzedAt, the analyzer polled every 100 ms).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
rounds=${1:-2}
work=$(mktemp -d)
trap 'kill "${target_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

./perfplane help >/dev/null # builds the jars if needed, outside the measurement

# A tiny k6 --out json file: 20 requests, the last minute.
python3 - "$work/tiny-k6.json" <<'EOF'
import datetime, json, sys
now = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=60)
with open(sys.argv[1], "w") as f:
    for i in range(20):
        t = (now + datetime.timedelta(milliseconds=250 * i)).isoformat().replace("+00:00", "Z")
        tags = {"name": "GET /tiny", "method": "GET", "status": "200", "url": "http://tiny.test/tiny",
                "expected_response": "true", "scenario": "default", "group": ""}
        for metric, value in (("http_reqs", 1), ("http_req_duration", 10 + i), ("http_req_failed", 0)):
            f.write(json.dumps({"type": "Point", "metric": metric, "data": {"time": t, "value": value, "tags": tags}}) + "\n")
EOF

# A tiny target and definition for run: 2 VUs for 3 s against a local HTTP server.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work" >/dev/null 2>&1 &
target_pid=$!
echo ok > "$work/tiny"
cat > "$work/tiny.yml" <<EOF
name: time-to-ready
targetService: tiny
targetBaseUrl: http://127.0.0.1:$port
scenarios:
  - name: users
    workload: {executor: ramping-vus, stages: [{duration: 500ms, target: 2}, {duration: 3s, target: 2}]}
    steps:
      - {name: GET /tiny, path: /tiny}
EOF

now_ms() { date +%s%3N; }
# "0 <ready ms> <first-sample ms>" from $1 (epoch ms) by summary JSON $2 (-1: never)
first_sample_ms() {
  python3 - "$1" "$2" <<'EOF'
import datetime, json, sys
start = int(sys.argv[1]); t = json.load(open(sys.argv[2]))["timing"]
at = lambda iso: datetime.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000
first = t["firstSampleAnalyzedAt"]
print("0 %d %d" % (at(t["readyAt"]) - start, -1 if first is None else at(first) - start))
EOF
}

stamp_lines() { while IFS= read -r line; do printf '%s %s\n' "$(date +%s%3N)" "$line"; done; }

# One round of the three commands with PERFPLANE_AOT=$1; appends "<what> <ready ms> <first-sample ms>" to $2.
round() {
  local aot=$1 out=$2 start ready first
  start=$(now_ms)
  PERFPLANE_AOT=$aot ./perfplane analyze k6 "$work/tiny-k6.json" --run "ttr-a-$start" --summary-json "$work/a.json" \
    >"$work/a.out" 2>&1 || true
  read -r _ ready first < <(first_sample_ms "$start" "$work/a.json")
  echo "analyze $ready $first" >> "$out"

  start=$(now_ms)
  PERFPLANE_AOT=$aot ./perfplane run "$work/tiny.yml" --run-id "ttr-r-$start" --summary-json "$work/r.json" \
    >"$work/r.out" 2>&1 || true
  read -r _ ready first < <(first_sample_ms "$start" "$work/r.json")
  echo "run $ready $first" >> "$out"

  # The demo (five services, load on api-service): from the command to "load running" (all ready, load submitted).
  start=$(now_ms)
  PERFPLANE_AOT=$aot ./perfplane demo --vus 2 --duration 5 --random-ports --kafka-port 0 2>&1 | stamp_lines > "$work/d.out" || true
  ready=$(awk '/load running/ { print $1; exit }' "$work/d.out")
  echo "demo $(( ready - start )) -1" >> "$out"
}

# The first commands after a build record the AOT caches: measured once, reported apart from the steady state.
round on "$work/first.txt"
for ((r = 1; r <= rounds; r++)); do
  round off "$work/off.txt"
  round on "$work/on.txt"
  echo "round $r done"
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print -1; else print v[int((NR + 1) / 2)] }'; }
pick() { awk -v w="$2" -v c="$3" '$1 == w { print $c }' "$1" | median; }
secs() { awk -v ms="$1" 'BEGIN { if (ms < 0) print "-"; else printf "%.1f s", ms / 1000 }'; }

echo
echo "== time to ready: command -> first sample analyzed ($rounds rounds, median; $(nproc) cores) =="
printf '%-44s %16s %16s %16s\n' "command" "before (AOT off)" "after" "first after build"
for what in analyze run; do
  printf '%-44s %16s %16s %16s\n' "./perfplane $what (tiny input)" "$(secs "$(pick "$work/off.txt" $what 3)")" \
    "$(secs "$(pick "$work/on.txt" $what 3)")" "$(secs "$(pick "$work/first.txt" $what 3)")"
done
printf '%-44s %16s %16s %16s\n' "./perfplane demo -> load running" "$(secs "$(pick "$work/off.txt" demo 2)")" \
  "$(secs "$(pick "$work/on.txt" demo 2)")" "$(secs "$(pick "$work/first.txt" demo 2)")"
echo "(pipeline ready: analyze $(secs "$(pick "$work/on.txt" analyze 2)"), run $(secs "$(pick "$work/on.txt" run 2)") after; \
before $(secs "$(pick "$work/off.txt" analyze 2)"), $(secs "$(pick "$work/off.txt" run 2)"))"
echo "target: first sample analyzed <= 15 s; issue's baseline: demo services 79 s, run (Kafka + loadgen only) 24 s"
