#!/usr/bin/env bash
# Ingest benchmark: seeded generated CSV files in the sample's format (default 15, 150 and 1000 MB), each
#   A) through the ingest-service (HTTP download, parse, convert, RowBinary inserts), started with -Xmx256m,
#   B) straight into ClickHouse with curl -T: CSVWithNames into an all-String table, unsorted and unpartitioned
#      (the least work ClickHouse can do with the file: the issue's baseline),
#   C) straight into ClickHouse with curl -T: the same rows already in RowBinary into the service's own table
#      layout (GamesTable's DDL): what the layout costs ClickHouse with no parsing at all,
#   D) sqlite3 .import of the same file (the hand-rolled Flask + SQLite way),
# in the same run against the same server. Each of A, B and C runs REPEAT times (default 3), A first, each after
# ClickHouse's background merges have finished; the table shows medians (min-max beside A and B) and the ratios
# of the medians. ClickHouse's peak RSS is its process's during A, with what it kept from the smaller files' steps. Prints one Markdown table (times, MB/s, rows/s, peak RSS, ratios to B and C) and the first
# ingestions after start (JIT warm-up) separately.
# Usage: [REPEAT=3] bench/ingest-benchmark.sh [megabytes...]   (seed 42)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-15 150 1000}")
read -r -a SIZES <<< "${SIZES[*]}"
. bench/lib.sh   # the deploy helpers, the JDK, the stack and file helpers
command -v sqlite3 >/dev/null || { say "installing sqlite3"; as_root apt-get install -y -q sqlite3 >/dev/null; }
ensure_stack
ch_insert() { curl -fsS "${CH_AUTH[@]}" "$CH/?query=${1// /%20}" -X POST -T "$2" >/dev/null; }  # -T streams the file
seconds() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); calc "$e - $s"; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
spread() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.2f-%.2f", lo, hi}'; }
REPEAT=${REPEAT:-3}
ch "CREATE DATABASE IF NOT EXISTS bench" >/dev/null

# the first ingestions after start pay for JIT compilation: shown apart, not in the table
FIRST=$(generate_csv "${SIZES[1]:-${SIZES[0]}}" 42)
COLD=()
for _ in 1 2 3; do
  ingest_file "$FIRST" > /dev/null
  COLD+=("$(printf %.2f "$INGEST_SECONDS") s")
done

ROWS_OUT=()
for MB in "${SIZES[@]}"; do
  FILE=$(generate_csv "$MB" 42)
  BYTES=$(stat -c %s "$FILE")
  MIB=$(calc "$BYTES / 1048576")
  COLS=$(head -1 "$FILE" | awk -F, '{for (i = 1; i <= NF; i++) printf "%sc%d String", (i > 1 ? ", " : ""), i}')
  A=() B=() C=() D=() A_RSS=0 A_CH_RSS=0
  for run in $(seq "$REPEAT"); do
    say "$MB MB, run $run of $REPEAT: the service"
    settle
    ingest_file "$FILE" > "$OUT/job.json"   # not in $(...): it sets the figures below
    JOB=$(cat "$OUT/job.json")
    ROWS=$(sed -n 's/.*"rowsInserted":\([0-9]*\).*/\1/p' <<< "$JOB")
    REJECTED=$(sed -n 's/.*"rowsRejected":\([0-9]*\).*/\1/p' <<< "$JOB")
    [ "$REJECTED" = 0 ] || die "the generated file should load without rejects: $JOB"
    A+=("$INGEST_SECONDS")
    [ $((PEAK_RSS_KIB / 1024)) -gt "$A_RSS" ] && A_RSS=$((PEAK_RSS_KIB / 1024))
    [ $((PEAK_CH_RSS_KIB / 1024)) -gt "$A_CH_RSS" ] && A_CH_RSS=$((PEAK_CH_RSS_KIB / 1024))
  done

  for run in $(seq "$REPEAT"); do
    say "$MB MB, run $run of $REPEAT: ClickHouse CSVWithNames into String columns"
    ch "DROP TABLE IF EXISTS bench.raw" >/dev/null
    ch "CREATE TABLE bench.raw ($COLS) ENGINE = MergeTree ORDER BY tuple()" >/dev/null
    settle
    B+=("$(seconds ch_insert "INSERT INTO bench.raw FORMAT CSVWithNames" "$FILE")")
    [ "$(ch "SELECT count() FROM bench.raw")" = "$ROWS" ] || die "ClickHouse's CSV count differs from the service's $ROWS"
    ch "DROP TABLE bench.raw" >/dev/null
  done

  TABLE=$(current_table)
  ch "SELECT * FROM games.$TABLE FORMAT RowBinary" > "$OUT/rows.bin"   # no ORDER BY: a sort would hold it all in memory
  for run in $(seq "$REPEAT"); do
    say "$MB MB, run $run of $REPEAT: ClickHouse RowBinary into the service's table layout"
    ch "DROP TABLE IF EXISTS bench.typed" >/dev/null
    ch "CREATE TABLE bench.typed AS games.$TABLE" >/dev/null
    settle
    C+=("$(seconds ch_insert "INSERT INTO bench.typed FORMAT RowBinary" "$OUT/rows.bin")")
    ch "DROP TABLE bench.typed" >/dev/null
  done
  rm -f "$OUT/rows.bin"

  say "$MB MB: sqlite3 .import"
  rm -f "$OUT/bench.sqlite"
  D=$(seconds sqlite3 "$OUT/bench.sqlite" ".mode csv" ".import $FILE games")
  rm -f "$OUT/bench.sqlite"

  AM=$(median "${A[@]}") BM=$(median "${B[@]}") CM=$(median "${C[@]}")
  ROWS_OUT+=("$(printf '| %s MB (%.0f MiB) | %s | **%.2f s** (%s) | %.1f MiB/s | %.0f | %d MiB | %d MiB | %.2f s (%s) | **%.2fx** | %.2f s | %.2fx | %.2f s | %.2fx |' \
    "$MB" "$MIB" "$ROWS" "$AM" "$(spread "${A[@]}")" "$(calc "$MIB / $AM")" "$(calc "$ROWS / $AM")" "$A_RSS" "$A_CH_RSS" \
    "$BM" "$(spread "${B[@]}")" "$(calc "$AM / $BM")" "$CM" "$(calc "$AM / $CM")" "$D" "$(calc "$AM / $D")")")
done

printf '\nIngest benchmark: ClickHouse %s, %s cores, ingest-service -Xmx256m (%s), warm service, median of %s runs\n\n' \
  "$(ch 'SELECT version()')" "$(nproc)" "${PROFILE:-default} profile" "$REPEAT"
echo "| file | rows | A) service | A MiB/s | A rows/s | A peak RSS | ClickHouse peak RSS | B) ClickHouse CSV -> String | A/B | C) ClickHouse RowBinary -> games layout | A/C | D) sqlite3 .import | A/D |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${ROWS_OUT[@]}"
printf '\nFirst ingestions after start (%s, JIT warm-up): %s\n' "$(basename "$FIRST")" "${COLD[*]}"
