#!/bin/sh
# Backs up, or restores, what a new ingestion cannot rebuild: the job history (ingestion_jobs), the rejected rows
# (ingestion_rejects) and the schedules (ingestion_schedules). The games data comes back by ingesting the link again.
#   deploy/ops/backup.sh backup  DIR   # writes DIR/<table>.native for each of them
#   deploy/ops/backup.sh restore DIR   # appends them to a database whose tables the ingest-service created
# Reads CLICKHOUSE_URL (http://127.0.0.1:8123), CLICKHOUSE_USER (default), CLICKHOUSE_DATABASE (games) and the
# password from the file CLICKHOUSE_PASSWORD_FILE, or else from the first line of stdin ("-" for none). The password
# is on no command line (ps shows those): curl reads it as a config from a pipe. Dumps are written owner-only.
# Native is ClickHouse's own column format: exact types, 18.16 and current alike. Plain sh and curl, so it also runs
# in the compose file's `backup` service, which reaches ClickHouse inside the compose network (it is not published):
#   docker compose --profile ops run --rm -T backup backup /backups/$(date +%F) <<< "$CLICKHOUSE_ADMIN_PASSWORD"
set -eu
umask 077
usage() { echo "usage: backup.sh backup|restore DIR" >&2; exit 2; }
mode=${1:-}
dir=${2:-}
[ -n "$mode" ] && [ -n "$dir" ] || usage
url=${CLICKHOUSE_URL:-http://127.0.0.1:8123}
db=${CLICKHOUSE_DATABASE:-games}
user=${CLICKHOUSE_USER:-default}
case $db in ""|[0-9]*|*[!A-Za-z0-9_]*) echo "bad database name: $db" >&2; exit 2 ;; esac
case $user in ""|*[!A-Za-z0-9_.-]*) echo "bad user name: $user" >&2; exit 2 ;; esac
if [ -n "${CLICKHOUSE_PASSWORD_FILE:-}" ]; then
  password=$(cat "$CLICKHOUSE_PASSWORD_FILE")
else
  IFS= read -r password || true
fi
[ "$password" = - ] && password=
# basic auth (18.16 and current) as a curl config on a pipe; backslashes and quotes escaped for curl's config syntax
auth() { printf 'user = "%s:%s"\n' "$user" "$(printf '%s' "$password" | sed 's/[\\"]/\\&/g')"; }

case $mode in
  backup)
    mkdir -p "$dir" && chmod 700 "$dir"
    for t in ingestion_jobs ingestion_rejects ingestion_schedules; do
      auth | curl -fsS --config - "$url/" --data-binary "SELECT * FROM $db.$t FORMAT Native" -o "$dir/$t.native.part"
      mv "$dir/$t.native.part" "$dir/$t.native"
      echo "backed up $db.$t: $(wc -c < "$dir/$t.native") bytes"
    done
    ;;
  restore)
    for t in ingestion_jobs ingestion_rejects ingestion_schedules; do
      if [ ! -f "$dir/$t.native" ] && [ "$t" = ingestion_schedules ]; then continue; fi   # a backup that holds no schedules
      [ -f "$dir/$t.native" ] || { echo "missing $dir/$t.native" >&2; exit 1; }
      auth | curl -fsS --config - "$url/?query=INSERT%20INTO%20$db.$t%20FORMAT%20Native" --data-binary "@$dir/$t.native"
      echo "restored $db.$t"
    done
    ;;
  *) usage ;;
esac
