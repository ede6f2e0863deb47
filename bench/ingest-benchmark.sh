#!/usr/bin/env bash
# Ingest benchmark: a generated CSV in the sample format (default 150 MB, seed 42) goes
#   A) through the ingest-service (download over HTTP, parse, convert, insert), started with -Xmx256m,
#   B) straight into ClickHouse with curl (CSVWithNames into an all-String table: the
#      least work ClickHouse can do with the file),
# in the same run against the same server. Prints both times, throughputs and the ratio.
# Usage: bench/ingest-benchmark.sh [megabytes=150] [seed=42]
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-150}
SEED=${2:-42}
. bench/lib.sh   # the deploy helpers, the JDK, the stack and file helpers
ensure_stack
FILE=$(generate_csv "$MB" "$SEED")
ROWS=$(tail -n +2 "$FILE" | wc -l | awk '{print $1 + 1}')
BYTES=$(stat -c %s "$FILE")
say "file: $FILE, $BYTES bytes"

# A) through the service; the file is served over HTTP like a public link
ingest_file "$FILE" > "$OUT/job.json"
INSERTED=$(sed -n 's/.*"rowsInserted":\([0-9]*\).*/\1/p' "$OUT/job.json")
REJECTED=$(sed -n 's/.*"rowsRejected":\([0-9]*\).*/\1/p' "$OUT/job.json")

# B) the raw baseline: same bytes, same server, curl
COLS=$(head -1 "$FILE" | awk -F, '{for (i = 1; i <= NF; i++) printf "%sc%d String", (i > 1 ? ", " : ""), i}')
curl -fsS "${CH_AUTH[@]}" "$CH/" --data-binary "CREATE DATABASE IF NOT EXISTS bench" >/dev/null
curl -fsS "${CH_AUTH[@]}" "$CH/" --data-binary "DROP TABLE IF EXISTS bench.raw" >/dev/null
curl -fsS "${CH_AUTH[@]}" "$CH/" --data-binary "CREATE TABLE bench.raw ($COLS) ENGINE = MergeTree ORDER BY tuple()" >/dev/null
START=$(date +%s.%N)
curl -fsS "${CH_AUTH[@]}" "$CH/?query=INSERT%20INTO%20bench.raw%20FORMAT%20CSVWithNames" -X POST -T "$FILE" >/dev/null  # -T streams; --data-binary @file would load the file into memory
END=$(date +%s.%N)
RAW_S=$(calc "$END - $START")
RAW_ROWS=$(curl -fsS "${CH_AUTH[@]}" "$CH/" --data-binary "SELECT count() FROM bench.raw")
curl -fsS "${CH_AUTH[@]}" "$CH/" --data-binary "DROP TABLE bench.raw" >/dev/null

MIB=$(calc "$BYTES / 1048576")
printf '\nIngest benchmark (%s MiB, %s rows, ClickHouse %s)\n' "$(printf %.1f "$MIB")" "$ROWS" \
  "$(curl -fsS "${CH_AUTH[@]}" "$CH/" --data-binary 'SELECT version()')"
printf '  %-44s %8.2f s  %7.1f MiB/s  %s rows inserted, %s rejected, peak RSS %d MiB (-Xmx256m)\n' \
  "A) ingest-service (HTTP download+parse+insert)" "$INGEST_SECONDS" "$(calc "$MIB / $INGEST_SECONDS")" "$INSERTED" "$REJECTED" $((PEAK_RSS_KIB / 1024))
printf '  %-44s %8.2f s  %7.1f MiB/s  %s rows\n' "B) curl -T (streamed POST), CSVWithNames raw" "$RAW_S" "$(calc "$MIB / $RAW_S")" "$RAW_ROWS"
printf '  ratio A/B: %.2fx\n' "$(calc "$INGEST_SECONDS / $RAW_S")"
printf '  progress: %s server-sent events during %.1f s of ingestion\n' "$SSE_EVENTS" "$INGEST_SECONDS"
