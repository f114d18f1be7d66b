#!/usr/bin/env bash
# Dashboard overview at the 10k scale: api-service over HTTP (wrk + Lua, p95 computed by wrk) vs pgbench running
# the very SQL statements of one overview request (header, counts by kind and latest 20 in one read-only
# transaction), same database, same run. The API-key lookup is not among them: the service resolves a key once per
# TenantCache TTL (10 s), so pgbench too looks the tenant up once, before the run. For each side the figure is the
# best throughput among the tried concurrency levels whose p95 latency stays under 50 ms; the ratio api/pgbench has
# a target of >= 0.5x.
# Usage: [WARMUP_SECONDS=20] bench/api-service-overview.sh [seconds-per-level] [connection levels, e.g. "1 2 4 8 16"]
# Needs PostgreSQL on 127.0.0.1:5432 (PGUSER/PGPASSWORD, default postgres/postgres), wrk and pgbench.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java="$JAVA_HOME/bin/java"
seconds=${1:-8}
levels=${2:-"1 2 4 8 16"}
warmup=${WARMUP_SECONDS:-20}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
db=perfplane_api_bench
jar=api-service/target/api-service-0.1.0-SNAPSHOT.jar

command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null
command -v pgbench >/dev/null || { echo "pgbench missing (comes with the postgresql client)"; exit 1; }
work=$(mktemp -d)
api_pid=""
trap '[ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; rm -rf "$work"' EXIT

[ -f "$jar" ] || ./mvnw -B -q -o -pl api-service package -DskipTests
psql -d postgres -Atqc "select 1 from pg_database where datname = '$db'" | grep -q 1 \
  || psql -d postgres -qc "create database $db"
export PERFPLANE_DB_URL="jdbc:postgresql://$PGHOST:5432/$db" PERFPLANE_DB_USER=$PGUSER PERFPLANE_DB_PASSWORD=$PGPASSWORD

echo "== data: generate --scale 10k (idempotent: a re-run inserts nothing)"
"$java" -jar "$jar" generate --scale 10k | grep -E '^(generate|done)'
psql -d "$db" -qc "vacuum analyze" # fresh statistics and visibility map for both sides alike

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PERFPLANE_PORT=$port PERFPLANE_API_DOCS=false "$java" -jar "$jar" >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$api_pid" 2>/dev/null || { tail -30 "$work/api.log"; exit 1; }
  sleep 1
done
curl -sf -H 'X-Api-Key: gen-10k-key' "http://127.0.0.1:$port/api/dashboards/gen-dash-00001/overview" >/dev/null

# wrk: every request a different dashboard of the 100, p95 from wrk's latency histogram.
cat > "$work/overview.lua" <<'LUA'
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", string.format("/api/dashboards/gen-dash-%05d/overview", n % 100 + 1),
    { ["X-Api-Key"] = "gen-10k-key" })
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(95) / 1000, summary.errors.status + summary.errors.connect + summary.errors.timeout))
end
LUA

key_hash=$(printf '%s' gen-10k-key | sha256sum | cut -d' ' -f1)
tenant_id=$(psql -d "$db" -Atqc "select id from tenants where api_key_hash = '$key_hash'")
cat > "$work/overview.sql" <<SQL
\set n random(1, 100)
\set t_id $tenant_id
begin read only;
select d.id as dash_id, d.slug, d.name, s.users, coalesce(s.synced_at::text, '') as synced_at
from dashboards d
cross join lateral (
  select count(*) as users,
         case when bool_or(u.synced_at is null) then null else min(u.synced_at) end as synced_at
  from dashboard_users du
  join github_users u on u.id = du.github_user_id
  where du.dashboard_id = d.id) s
where d.tenant_id = :t_id and d.slug = 'gen-dash-' || lpad(:n::text, 5, '0') \gset
select a.kind, count(*) as n
from dashboard_users du
join activities a on a.github_user_id = du.github_user_id and a.occurred_at >= now() - interval '7 days'
where du.dashboard_id = :dash_id
group by a.kind;
select u.login, a.kind, a.repo, a.title, a.occurred_at
from dashboard_users du
join github_users u on u.id = du.github_user_id
cross join lateral (
  select x.id, x.kind, x.repo, x.title, x.occurred_at
  from activities x
  where x.github_user_id = du.github_user_id
  order by x.occurred_at desc, x.id desc
  limit 20) a
where du.dashboard_id = :dash_id
order by a.occurred_at desc, a.id desc
limit 20;
commit;
SQL

echo "== $(nproc) cores, shared machine; ${seconds}s per level; levels: $levels"
printf '%-10s %-6s %12s %10s %8s\n' side conns "req|tx /s" "p95 ms" errors
# JIT warm-up: on a busy 2-core machine C2 needs well over 10 s of traffic before the figures settle.
wrk -t2 -c8 -d"${warmup}s" -s "$work/overview.lua" "http://127.0.0.1:$port" >/dev/null
best_api=0
best_pg=0
for c in $levels; do
  threads=$(( c < 2 ? 1 : 2 ))
  read -r rps p95 errors < <(wrk -t"$threads" -c"$c" -d"${seconds}s" -s "$work/overview.lua" \
    "http://127.0.0.1:$port" | awk '/^RESULT/ {print $2, $3, $4}')
  printf '%-10s %-6s %12s %10s %8s\n' api-service "$c" "$rps" "$p95" "$errors"
  best_api=$(python3 -c "print(max($best_api, $rps) if $p95 < 50 and $errors == 0 else $best_api)")

  rm -f "$work"/pgbench_log.*
  pg_out=$(cd "$work" && pgbench -n -M prepared -c "$c" -j "$threads" -T "$seconds" -l -f overview.sql "$db" 2>&1)
  tps=$(awk '/^tps = / {print $3; exit}' <<<"$pg_out")
  pg_errors=$(awk '/number of failed transactions/ {print $5; exit}' <<<"$pg_out")
  pg_p95=$(cat "$work"/pgbench_log.* | awk '{print $3}' | sort -n \
    | awk '{a[NR]=$1} END {i=int(NR*0.95); if (i<1) i=1; printf "%.2f", a[i]/1000}')
  printf '%-10s %-6s %12s %10s %8s\n' pgbench "$c" "$tps" "$pg_p95" "${pg_errors:-0}"
  best_pg=$(python3 -c "print(max($best_pg, $tps) if $pg_p95 < 50 else $best_pg)")
done

python3 - "$best_api" "$best_pg" <<'PY'
import sys
api, pg = (float(x) for x in sys.argv[1:])
print(f"best at p95 < 50 ms: api-service {api:,.0f} req/s, pgbench {pg:,.0f} overviews/s"
      f" -> ratio {api / pg if pg else 0:.2f}x (target >= 0.5x)")
PY
