#!/usr/bin/env bash
# Why a scan costs the service more than a point lookup does, at one connection on a shared machine: after a
# scan's answer the client's CPU caches are cold. bench/CacheProbe.java asks ClickHouse the load benchmark's
# substring scan or its app_id lookup (the settings the service sends for each), and after every answer times a
# fixed piece of work over 256 KB and 2 MB working sets, then the same work again at once; and the same after merely
# sleeping as long as each query takes, without any query. Interleaved rounds.
# Needs the local stack with data (bench/ingest-benchmark.sh 150).
# Usage: [SECONDS_=5] [ROUNDS=2] bench/cache-probe.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
stack_access analyst
T=games.$(current_table)
APP=$(lookup_app_id "$T")
BASIC=$(printf 'games_query:%s' "$(sed -n 's/^CLICKHOUSE_QUERY_PASSWORD=//p' deploy/local/.state/secrets.env)" | base64 -w0)
# name | SQL | settings (as GamesReader sends them for it)
QUERIES=(
  "substring scan|$(substring_sql "$T")|$GUARDS&wait_end_of_query=1"
  "app_id lookup|SELECT $PAGE_FIELDS FROM $T WHERE app_id = $APP $PAGE_ORDER LIMIT 51 FORMAT TabSeparated|$GUARDS&max_threads=1&use_uncompressed_cache=1"
  "no query, sleep 2 ms||sleep=2"
  "no query, sleep 8 ms||sleep=8"
)
echo "| waiting for | working set | wait p50 | work right after the answer | the same work again at once |"
echo "| --- | ---: | ---: | ---: | ---: |"
for ((r = 0; r < ${ROUNDS:-2}; r++)); do
  for q in "${QUERIES[@]}"; do
    IFS='|' read -r name sql settings <<< "$q"
    for kb in 256 2048; do
      java bench/CacheProbe.java "$BASIC" "${SECONDS_:-5}" "$settings" "$kb" <<< "$sql" \
        | sed -E "s/^[0-9]+ waits, p50 ([0-9.]+) ms \| the work right after the answer ([0-9.]+) ms, again at once ([0-9.]+) ms/| $name | $kb KB | \1 ms | \2 ms | \3 ms |/"
    done
  done
done
