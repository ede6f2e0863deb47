#!/usr/bin/env bash
# Memory benchmark: for each profile (default, small) the local stack is started afresh and the query benchmark
# runs (it first ingests the generated file, default 150 MB, through the service); then the peak resident memory (VmHWM,
# the kernel's high-water mark since the process started) of every process is printed, and their sum.
# Usage: bench/memory-benchmark.sh [megabytes=150] [seed=42]
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/local/lib.sh
MB=${1:-150}
SEED=${2:-42}
STATE=deploy/local/.state
peak_mib() { # pid...: summed VmHWM in MiB
  local total=0 p kib
  for p in "$@"; do
    kib=$(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    total=$((total + ${kib:-0}))
  done
  echo $((total / 1024))
}
declare -A RESULT
for profile in default small; do
  say "profile $profile: fresh stack"
  ./deploy/local/run.sh stop >/dev/null 2>&1 || true
  PROFILE=$profile bench/query-benchmark.sh "$MB" "$SEED" > "bench/out/memory-query-$profile.txt"
  ch=$(cat "$STATE/clickhouse.pid"); ingest=$(cat "$STATE/ingest-service.pid"); query=$(cat "$STATE/query-service.pid")
  gateway=$(cat "$STATE/gateway.pid"); workers=$(pgrep -P "$gateway" | tr '\n' ' ')
  RESULT[$profile]="$(peak_mib "$ch") $(peak_mib "$ingest") $(peak_mib "$query") $(peak_mib "$gateway" $workers)"
  VERSION=$(curl -fsS -u "default:$(sed -n 's/^CLICKHOUSE_ADMIN_PASSWORD=//p' "$STATE/secrets.env")" \
    "http://127.0.0.1:${CLICKHOUSE_HTTP_PORT:-8123}/" --data-binary 'SELECT version()' || echo unknown)
done
./deploy/local/run.sh stop >/dev/null 2>&1 || true
printf '\nPeak resident memory (MiB) during a %s MB ingest and the query benchmark, ClickHouse %s\n' "$MB" \
  "$VERSION"
printf '%-10s %12s %16s %15s %9s %7s\n' profile clickhouse ingest-service query-service gateway total
for profile in default small; do
  read -r c i q g <<< "${RESULT[$profile]}"
  printf '%-10s %12s %16s %15s %9s %7s\n' "$profile" "$c" "$i" "$q" "$g" $((c + i + q + g))
done
