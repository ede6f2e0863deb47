#!/usr/bin/env bash
# The measured resources behind docs/cost.md, on the local stack (PROFILE as you run it): CPU-seconds of every
# process for one upload of the generated file (default 150 MB) and per query over a mix of 100 API requests
# (a page of rows with its count, the facet aggregates, a chart, a CSV export of 1,000 rows), the bytes those
# answers send (egress), and the data's compressed size in ClickHouse.
# Usage: bench/cost-figures.sh [megabytes=150] [seed=42]
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-150}
SEED=${2:-42}
. bench/lib.sh   # the deploy helpers, the JDK, the stack and file helpers
ensure_stack
STATE=deploy/local/.state
TICKS=$(getconf CLK_TCK)
pids() { echo "$(cat $STATE/clickhouse.pid) $(cat $STATE/ingest-service.pid) $(cat $STATE/query-service.pid) $(cat $STATE/gateway.pid) $(pgrep -P "$(cat $STATE/gateway.pid)" | tr '\n' ' ')"; }
cpu_ticks() { local t=0 p; for p in $(pids); do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
FILE=$(generate_csv "$MB" "$SEED")
before=$(cpu_ticks)
ingest_file "$FILE" >/dev/null
UPLOAD_CPU=$(calc "($(cpu_ticks) - $before) / $TICKS")

queries=(
  "/api/v1/games?name=dark&sort=-positive&count=exact"
  "/api/v1/games/aggregate?group_by=genres&metrics=count&sort=-count&limit=8"
  "/api/v1/games/aggregate?group_by=tags&metrics=count&sort=-count&limit=8"
  "/api/v1/games/aggregate?group_by=categories&metrics=count&sort=-count&limit=8"
  "/api/v1/games/aggregate?group_by=supported_languages&metrics=count&sort=-count&limit=8"
  "/api/v1/games/aggregate?group_by=developers&metrics=count&sort=-count&limit=8"
  "/api/v1/games/aggregate?group_by=publishers&metrics=count&sort=-count&limit=8"
  "/api/v1/games/aggregate?group_by=release_year&metrics=count&sort=-release_year&limit=8"
  "/api/v1/games/aggregate?group_by=price&metrics=count&limit=100000"
  "/api/v1/games/aggregate?group_by=release_year&metrics=count,avg:price,p90:price"
  "/api/v1/games?genres__exact=Indie&price__lt=5&format=csv&limit=1000"
)
before=$(cpu_ticks)
bytes=0
for i in $(seq 0 99); do
  q=${queries[$((i % ${#queries[@]}))]}
  n=$(curl -fsS "${AUTH[@]}" -o /dev/null -w '%{size_download}' "http://127.0.0.1:8082$q")   # direct: the gateway would rate-limit one client
  bytes=$((bytes + n))
done
QUERY_CPU=$(calc "($(cpu_ticks) - $before) / $TICKS / 100")
TABLE=$(current_table)
SIZES=$(ch "SELECT sum(data_compressed_bytes), sum(data_uncompressed_bytes), sum(rows) FROM system.parts WHERE active AND database = 'games' AND table = '$TABLE' FORMAT TSV")
read -r COMPRESSED UNCOMPRESSED ROWS <<< "$SIZES"
printf '\nCost figures (profile %s, %s MB file, %s rows, %s)\n' "${PROFILE:-default}" "$MB" "$ROWS" "$(nproc) cores"
printf 'CPU-seconds per upload (all processes)      %10.1f\n' "$UPLOAD_CPU"
printf 'CPU-seconds per query (mix of 100, average) %10.3f\n' "$QUERY_CPU"
printf 'bytes sent per query (average)              %10d\n' $((bytes / 100))
printf 'file bytes                                  %10d\n' "$(stat -c %s "$FILE")"
printf 'ClickHouse compressed bytes                 %10d\n' "$COMPRESSED"
printf 'ClickHouse uncompressed bytes               %10d\n' "$UNCOMPRESSED"
