#!/bin/sh
# Writes the services' ClickHouse users (games-users.xml.template) with real password hashes.
# usage: QUERY_PASSWORD=... INGEST_PASSWORD=... render-users.sh OUTPUT_FILE [DATABASE]
# POSIX sh: it also runs inside the clickhouse-server image (docker-compose.yml).
set -eu
[ -n "${QUERY_PASSWORD:-}" ] && [ -n "${INGEST_PASSWORD:-}" ] || { echo "QUERY_PASSWORD and INGEST_PASSWORD must be set" >&2; exit 2; }
sha() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
here=$(cd "$(dirname "$0")" && pwd)
sed -e "s/@DATABASE@/${2:-games}/g" -e "s/@QUERY_PASSWORD_SHA256@/$(sha "$QUERY_PASSWORD")/" \
    -e "s/@INGEST_PASSWORD_SHA256@/$(sha "$INGEST_PASSWORD")/" "$here/games-users.xml.template" > "$1"
