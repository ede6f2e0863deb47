#!/usr/bin/env bash
# Query benchmark: ingests a generated ~120k-row file (seeded, sample format) through the service, then
# runs bench/QueryBench.java: a substring filter, a range filter, a group-by aggregate, describe() and similar games, each through
# the query-service and as the same SQL straight to ClickHouse, in the same run; prints p50/p99, req/s
# and the ratios; the web UI's facet batch; then the latency the gateway adds (paced, as it rate-limits clients).
# Usage: bench/query-benchmark.sh [megabytes=185] [seed=42]
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-185}
SEED=${2:-42}
. bench/lib.sh   # the deploy helpers, the JDK, the stack and file helpers
ensure_stack
FILE=$(generate_csv "$MB" "$SEED")
ingest_file "$FILE" >/dev/null
TABLE=$(current_table)
ROWS=$(ch "SELECT count() FROM games.$TABLE")
say "querying games.$TABLE ($ROWS rows, ClickHouse $(ch 'SELECT version()'))"
CREDS=${CH_AUTH[1]}   # user:password, as ensure_stack found them (the local run's default has a generated password)
java bench/QueryBench.java http://127.0.0.1:8082 "$CH" "${CREDS%%:*}" "${CREDS#*:}" "games.$TABLE" "$TOKEN" "http://127.0.0.1:${GATEWAY_PORT:-8080}"
