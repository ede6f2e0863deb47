#!/usr/bin/env bash
# Ingest benchmark: a generated CSV in the sample format (default 150 MB, seed 42) goes
#   A) through the ingest-service (download over HTTP, parse, convert, insert), started with -Xmx256m,
#   B) straight into ClickHouse with curl --data-binary (CSVWithNames into an all-String table: the
#      least work ClickHouse can do with the file),
# in the same run against the same server. Prints both times, throughputs and the ratio.
# Usage: bench/ingest-benchmark.sh [megabytes] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/local/lib.sh
MB=${1:-150}
SEED=${2:-42}
OUT=bench/out
FILE=$OUT/games-${MB}mb-seed${SEED}.csv
mkdir -p "$OUT"
find_jdk
calc() { awk "BEGIN { printf \"%.6f\", $* }"; }

JAVA_OPTS=-Xmx256m ./deploy/local/run.sh >/dev/null
CH=${CLICKHOUSE_URL:-http://127.0.0.1:${CLICKHOUSE_HTTP_PORT:-8123}}
CH_AUTH=(-u "${CLICKHOUSE_USER:-default}:${CLICKHOUSE_PASSWORD:-}")

if [ ! -f "$FILE" ]; then
  say "generating $FILE"
  ./mvnw -B -q -ntp -pl shared-model test-compile dependency:build-classpath -Dmdep.outputFile="$(pwd)/$OUT/cp.txt" >/dev/null
  java -cp "shared-model/target/test-classes:shared-model/target/classes:$(cat "$OUT/cp.txt")" \
    games.analytics.testing.GamesCsvGenerator "$FILE" "$MB" "$SEED" > "$OUT/rows.txt"
fi
ROWS=$(tail -n +2 "$FILE" | wc -l | awk '{print $1 + 1}')
BYTES=$(stat -c %s "$FILE")
say "file: $FILE, $BYTES bytes"

# A) through the service; the file is served over HTTP like a public link
pkill -f "jwebserver -b 127.0.0.1 -p 8091" 2>/dev/null || true
jwebserver -b 127.0.0.1 -p 8091 -d "$(pwd)/$OUT" > "$OUT/fileserver.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
wait_for "http://127.0.0.1:8091/$(basename "$FILE")" 20 "bench file server"
INGEST_PID=$(cat deploy/local/.state/ingest-service.pid)
START=$(date +%s.%N)
JOB=$(curl -fsS -X POST localhost:8081/api/v1/ingestions -H 'Content-Type: application/json' \
  -d "{\"url\": \"http://127.0.0.1:8091/$(basename "$FILE")\"}" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
PEAK_RSS=0
while :; do
  STATUS=$(curl -fsS "localhost:8081/api/v1/ingestions/$JOB")
  RSS=$(awk '/VmRSS/ {print $2}' "/proc/$INGEST_PID/status")
  [ "$RSS" -gt "$PEAK_RSS" ] && PEAK_RSS=$RSS
  case "$STATUS" in *'"status":"succeeded"'*|*'"status":"failed"'*) break ;; esac
  sleep 0.2
done
END=$(date +%s.%N)
echo "$STATUS" > "$OUT/job.json"
case "$STATUS" in *'"status":"failed"'*) die "ingestion failed: $STATUS" ;; esac
INSERTED=$(sed -n 's/.*"rowsInserted":\([0-9]*\).*/\1/p' <<<"$STATUS")
REJECTED=$(sed -n 's/.*"rowsRejected":\([0-9]*\).*/\1/p' <<<"$STATUS")
SERVICE_S=$(calc "$END - $START")

# B) the raw baseline: same bytes, same server, curl --data-binary
COLS=$(head -1 "$FILE" | awk -F, '{for (i = 1; i <= NF; i++) printf "%sc%d String", (i > 1 ? ", " : ""), i}')
curl -fsS "${CH_AUTH[@]}" "$CH/" --data-binary "CREATE DATABASE IF NOT EXISTS bench" >/dev/null
curl -fsS "${CH_AUTH[@]}" "$CH/" --data-binary "DROP TABLE IF EXISTS bench.raw" >/dev/null
curl -fsS "${CH_AUTH[@]}" "$CH/" --data-binary "CREATE TABLE bench.raw ($COLS) ENGINE = MergeTree ORDER BY tuple()" >/dev/null
START=$(date +%s.%N)
curl -fsS "${CH_AUTH[@]}" "$CH/?query=INSERT%20INTO%20bench.raw%20FORMAT%20CSVWithNames" --data-binary "@$FILE" >/dev/null
END=$(date +%s.%N)
RAW_S=$(calc "$END - $START")
RAW_ROWS=$(curl -fsS "${CH_AUTH[@]}" "$CH/" --data-binary "SELECT count() FROM bench.raw")
curl -fsS "${CH_AUTH[@]}" "$CH/" --data-binary "DROP TABLE bench.raw" >/dev/null

MIB=$(calc "$BYTES / 1048576")
printf '\nIngest benchmark (%s MiB, %s rows, ClickHouse %s)\n' "$(printf %.1f "$MIB")" "$ROWS" \
  "$(curl -fsS "${CH_AUTH[@]}" "$CH/" --data-binary 'SELECT version()')"
printf '  %-44s %8.2f s  %7.1f MiB/s  %s rows inserted, %s rejected, peak RSS %d MiB (-Xmx256m)\n' \
  "A) ingest-service (HTTP download+parse+insert)" "$SERVICE_S" "$(calc "$MIB / $SERVICE_S")" "$INSERTED" "$REJECTED" $((PEAK_RSS / 1024))
printf '  %-44s %8.2f s  %7.1f MiB/s  %s rows\n' "B) curl --data-binary, CSVWithNames raw" "$RAW_S" "$(calc "$MIB / $RAW_S")" "$RAW_ROWS"
printf '  ratio A/B: %.2fx\n' "$(calc "$SERVICE_S / $RAW_S")"
