#!/usr/bin/env bash
# Time to ready: from typing the command to the analyzer counting the run's first sample, for
#   ./perfplane analyze k6 <tiny file>              (ingest, analyzer, cost on the embedded pipeline)
#   ./perfplane run <tiny definition> --target ...  (loadgen, analyzer, cost on the embedded pipeline)
# beside the way a sample got analyzed before `run`/`analyze` ran the pipeline: ./perfplane demo (five services).
# Target: <= 15 s on the 2-core reference machine. Usage: bench/time-to-ready.sh [rounds]   (default 3)
# Each figure is measured from this script's clock just before the command is started to the instant the launcher
# reports (summary JSON "timing": launcher JVM start + firstSampleAnalyzedMs, polled every 100 ms).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
rounds=${1:-3}
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
# ms from $1 (epoch ms) to the launcher's reported first-sample instant in summary JSON $2
first_sample_ms() {
  python3 - "$1" "$2" <<'EOF'
import datetime, json, sys
start = int(sys.argv[1]); t = json.load(open(sys.argv[2]))["timing"]
launched = datetime.datetime.fromisoformat(t["commandStartedAt"].replace("Z", "+00:00")).timestamp() * 1000
first = t["firstSampleAnalyzedMs"]
print("%d %d %d" % (launched - start, launched + t["readyMs"] - start, -1 if first is None else launched + first - start))
EOF
}

declare -a analyze_ready analyze_first run_ready run_first demo_ready
for ((r = 1; r <= rounds; r++)); do
  start=$(now_ms)
  ./perfplane analyze k6 "$work/tiny-k6.json" --run "ttr-a-$r-$start" --summary-json "$work/a.json" >"$work/a.out" 2>&1 || true
  read -r _ ready first < <(first_sample_ms "$start" "$work/a.json")
  analyze_ready+=("$ready"); analyze_first+=("$first")

  start=$(now_ms)
  ./perfplane run "$work/tiny.yml" --run-id "ttr-r-$r-$start" --summary-json "$work/r.json" >"$work/r.out" 2>&1 || true
  read -r _ ready first < <(first_sample_ms "$start" "$work/r.json")
  run_ready+=("$ready"); run_first+=("$first")

  # Before: the demo was the only command that analyzed samples; it prints "all five services ready in N s".
  start=$(now_ms)
  ./perfplane demo --vus 2 --duration 5 --random-ports --kafka-port 0 > "$work/d.out" 2>&1 || true
  demo_ready+=("$(sed -n 's/.*all five services ready in \([0-9]*\) s.*/\1/p' "$work/d.out" | head -1)")
  printf 'round %d: analyze first sample %d ms, run first sample %d ms, demo services ready %s s\n' "$r" \
    "${analyze_first[-1]}" "${run_first[-1]}" "${demo_ready[-1]}"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo
echo "== time to ready ($rounds rounds, median; $(nproc) cores) =="
printf '%-58s %8s %8s\n' "command" "ready" "1st sample"
printf '%-58s %7.1fs %7.1fs\n' "./perfplane analyze k6 tiny.json (ingest+analyzer+cost)" \
  "$(echo "$(median "${analyze_ready[@]}") / 1000" | bc -l)" "$(echo "$(median "${analyze_first[@]}") / 1000" | bc -l)"
printf '%-58s %7.1fs %7.1fs\n' "./perfplane run tiny.yml (loadgen+analyzer+cost)" \
  "$(echo "$(median "${run_ready[@]}") / 1000" | bc -l)" "$(echo "$(median "${run_first[@]}") / 1000" | bc -l)"
printf '%-58s %7ss %8s\n' "before: ./perfplane demo (five services, only path to analysis)" \
  "$(median "${demo_ready[@]}")" "later"
echo "target: first sample analyzed <= 15 s"
