#!/usr/bin/env bash
# Layout benchmark: the table partitioned by release year (what the ingest-service makes) against an unpartitioned
# copy of the same rows, on the local stack's ClickHouse, in one run:
#  - insert: the service's whole ingestion vs ClickHouse's own RowBinary insert of the same rows into each layout;
#  - pages through the query-service: a full-row page of 50 vs the same page with fields=app_id (name substring;
#    date + price range), and an app_id lookup vs ClickHouse's own lookup on the unpartitioned copy;
#  - what a one-year date filter reads (read_rows from system.query_log) vs that year's rows.
# Each pair is timed by bench/Alternate.java: one keep-alive connection per side, requests alternated one by one for
# SECONDS (default 10), p50s compared. Then the same rows and statements on ClickHouse 26.7 as chDB
# (bench/layout-current.js). Usage: bench/layout-benchmark.sh [MB=150] [seed=42]
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-150}
SEED=${2:-42}
SECONDS_PER_PAIR=${SECONDS_PER_PAIR:-10}
. bench/lib.sh
. deploy/local/lib.sh && find_jdk
REBUILD=${REBUILD:-1} ensure_stack
FILE=$(generate_csv "$MB" "$SEED")
settle
ingest_file "$FILE" >/dev/null
SERVICE_INSERT=$INGEST_SECONDS
SERVICE_RSS_MIB=$(( PEAK_RSS_KIB / 1024 ))
TABLE=$(current_table)
ROWS=$(ch "SELECT count() FROM games.$TABLE")
say "games.$TABLE: $ROWS rows, $(ch "SELECT uniqExact(partition_id) FROM system.parts WHERE database = 'games' AND table = '$TABLE' AND active") partitions, ClickHouse $(ch 'SELECT version()')"

# the same rows as RowBinary, inserted by ClickHouse itself into a partitioned and an unpartitioned copy
ROWBINARY=$OUT/layout-rows.bin
ch "SELECT * FROM games.$TABLE FORMAT RowBinary" > "$ROWBINARY"
DDL=$(ch "SHOW CREATE TABLE games.$TABLE FORMAT TSVRaw")
copy_insert() { # name ddl -> seconds of ClickHouse's own insert
  ch "DROP TABLE IF EXISTS games.$1"
  ch "$(sed "s/games\.$TABLE/games.$1/" <<< "$2")"
  settle
  curl -fsS -o /dev/null -w '%{time_total}' "${CH_AUTH[@]}" "$CH/?query=INSERT%20INTO%20games.$1%20FORMAT%20RowBinary" -T "$ROWBINARY"
}
PART_INSERT=$(copy_insert layout_partitioned "$DDL")
FLAT_INSERT=$(copy_insert layout_flat "$(sed 's/PARTITION BY release_year //' <<< "$DDL")")
ch "OPTIMIZE TABLE games.layout_flat FINAL"
settle

BASIC=$(printf '%s' "${CH_AUTH[1]}" | base64 -w0)
pair() { # service-path-A service-path-or-CH-URL-B -> "p50_A p50_B" (ms), alternated on keep-alive connections
  local b=$2 header_b="Authorization: Bearer $TOKEN"
  case "$b" in http*) header_b="Authorization: Basic $BASIC" ;; *) b="http://127.0.0.1:8082$b" ;; esac
  "$JAVA_HOME/bin/java" bench/Alternate.java "$SECONDS_PER_PAIR" "http://127.0.0.1:8082$1" "Authorization: Bearer $TOKEN" "$b" "$header_b" \
    | awk '$4 != 0 { print "errors in " $0 > "/dev/stderr"; exit 1 } { printf "%s ", $1 }'
}
ch_url() { # sql -> a GET URL of ClickHouse with the settings the service sends for a lookup
  echo "$CH/?use_uncompressed_cache=1&max_threads=1&query=$(urlencode "$1")"
}
read_rows() { # sql -> rows ClickHouse read for it
  local id=layout-$RANDOM$RANDOM
  curl -fsS -o /dev/null "${CH_AUTH[@]}" "$CH/?log_queries=1&query_id=$id" --data-binary "$1"
  ch "SYSTEM FLUSH LOGS"
  ch "SELECT read_rows FROM system.query_log WHERE query_id = '$id' AND type = 2"
}

ID=$(lookup_app_id "games.$TABLE")
SECONDS_PER_PAIR=20 pair "/api/v1/games?name=war&limit=50" "/api/v1/games?app_id=$ID" > /dev/null # the JIT warms up
read -r WAR_FULL WAR_KEYS <<< "$(pair "/api/v1/games?name=war&limit=50" "/api/v1/games?name=war&limit=50&fields=app_id")"
RANGE="release_date__gte=2020-01-01&release_date__lt=2020-07-01&price__between=5,20&limit=50"
read -r RANGE_FULL RANGE_KEYS <<< "$(pair "/api/v1/games?$RANGE" "/api/v1/games?$RANGE&fields=app_id")"
read -r LOOKUP LOOKUP_FLAT <<< "$(pair "/api/v1/games?app_id=$ID" "$(ch_url "SELECT * FROM games.layout_flat WHERE app_id = $ID FORMAT TabSeparated")")"
YEAR_READ=$(read_rows "SELECT count() FROM games.$TABLE WHERE (release_year >= 2020 AND release_year <= 2020) AND (isNotNull(release_date) AND (assumeNotNull(release_date) BETWEEN toDate('2020-01-01') AND toDate('2020-12-31')))")
YEAR_ROWS=$(ch "SELECT count() FROM games.$TABLE WHERE toYear(release_date) = 2020")

say "results ($MB MB, $ROWS rows; $(date -u +%F); pages and lookups: p50 ms, alternated keep-alive, ${SECONDS_PER_PAIR} s a pair)"
printf '%-58s %10s %10s %8s\n' measure value baseline ratio
row() { printf '%-58s %10s %10s %8.2f\n' "$1" "$2" "$3" "$(calc "$2 / $3")"; }
row "ingest (s) vs ClickHouse's RowBinary insert, partitioned" "$SERVICE_INSERT" "$PART_INSERT"
row "ClickHouse's insert (s): partitioned vs unpartitioned" "$PART_INSERT" "$FLAT_INSERT"
echo "ingest-service peak RSS during the ingestion: $SERVICE_RSS_MIB MiB (JAVA_OPTS=${JAVA_OPTS:-the profile default})"
row "name=war page of 50 (ms): all fields vs fields=app_id" "$WAR_FULL" "$WAR_KEYS"
row "date+price page of 50 (ms): all fields vs fields=app_id" "$RANGE_FULL" "$RANGE_KEYS"
row "app_id lookup (ms): service vs ClickHouse, unpartitioned" "$LOOKUP" "$LOOKUP_FLAT"
row "one-year filter: rows read vs the year's rows" "$YEAR_READ" "$YEAR_ROWS"
ch "DROP TABLE games.layout_partitioned"
ch "DROP TABLE games.layout_flat"

# the same rows and statements on ClickHouse 26.7 (chDB 3.4.0 from the npm registry, ~170 MB once, as substring-index.sh)
DIR=$PWD/bench/out/chdb
if [ ! -f "$DIR/node_modules/chdb/package.json" ]; then
  say "installing chdb 3.4.0 (ClickHouse 26.7 as a library) from the npm registry into $DIR"
  mkdir -p "$DIR" && (cd "$DIR" && npm install --no-save --no-audit --no-fund --loglevel=error chdb@3.4.0 >/dev/null)
fi
mv "$ROWBINARY" "$DIR/layout-rows.bin"
COLUMNS=$(ch "DESCRIBE TABLE games.$TABLE FORMAT TabSeparated" | awk -F'\t' '$3 != "MATERIALIZED" {printf "%s%s %s", (n++ ? ", " : ""), $1, $2}')
NODE_PATH=$DIR/node_modules node bench/layout-current.js "$DIR" "$COLUMNS" "$ID"
rm -f "$DIR/layout-rows.bin"
