#!/usr/bin/env bash
# Backs up, or restores, what a new ingestion cannot rebuild: the job history (ingestion_jobs) and the
# rejected rows (ingestion_rejects). The games data itself comes back by ingesting the link again.
#   deploy/ops/backup.sh backup  DIR   # writes DIR/ingestion_jobs.native and DIR/ingestion_rejects.native
#   deploy/ops/backup.sh restore DIR   # appends them to a database whose tables the ingest-service created
# Reads CLICKHOUSE_URL (http://127.0.0.1:8123), CLICKHOUSE_USER (default), CLICKHOUSE_PASSWORD and
# CLICKHOUSE_DATABASE (games). Native is ClickHouse's own column format: exact types, 18.16 and current alike.
set -euo pipefail
mode=${1:?usage: backup.sh backup|restore DIR}
dir=${2:?usage: backup.sh backup|restore DIR}
url=${CLICKHOUSE_URL:-http://127.0.0.1:8123}
db=${CLICKHOUSE_DATABASE:-games}
[[ $db =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "bad database name: $db" >&2; exit 2; }
auth=(-u "${CLICKHOUSE_USER:-default}:${CLICKHOUSE_PASSWORD:-}")   # basic auth: 18.16 and current
tables=(ingestion_jobs ingestion_rejects)

case $mode in
  backup)
    mkdir -p "$dir"
    for t in "${tables[@]}"; do
      curl -fsS "${auth[@]}" "$url/" --data-binary "SELECT * FROM $db.$t FORMAT Native" -o "$dir/$t.native.part"
      mv "$dir/$t.native.part" "$dir/$t.native"
      echo "backed up $db.$t: $(wc -c < "$dir/$t.native") bytes"
    done
    ;;
  restore)
    for t in "${tables[@]}"; do
      [ -f "$dir/$t.native" ] || { echo "missing $dir/$t.native" >&2; exit 1; }
      curl -fsS "${auth[@]}" "$url/?query=INSERT%20INTO%20$db.$t%20FORMAT%20Native" --data-binary "@$dir/$t.native"
      echo "restored $db.$t"
    done
    ;;
  *) echo "usage: backup.sh backup|restore DIR" >&2; exit 2 ;;
esac
