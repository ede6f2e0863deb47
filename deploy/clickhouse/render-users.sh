#!/bin/sh
# Writes the services' ClickHouse users (games-users.xml.template) with real password hashes.
# usage: QUERY_PASSWORD=... INGEST_PASSWORD=... [QUERY_NETWORKS=ip,...] [INGEST_NETWORKS=ip,...] render-users.sh OUTPUT_FILE [DATABASE]
# The networks are the addresses (or CIDR blocks) each service connects from; loopback unless given.
# POSIX sh: it also runs inside the clickhouse-server image (docker-compose.yml).
set -eu
[ -n "${QUERY_PASSWORD:-}" ] && [ -n "${INGEST_PASSWORD:-}" ] || { echo "QUERY_PASSWORD and INGEST_PASSWORD must be set" >&2; exit 2; }
sha() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
ips() { printf '%s' "$1" | tr -d ' ' | tr ',' '\n' | grep -E '^[0-9A-Fa-f.:/]+$' | sed 's#.*#<ip>&</ip>#' | tr -d '\n'; }
query_networks=$(ips "${QUERY_NETWORKS:-127.0.0.1,::1}")
ingest_networks=$(ips "${INGEST_NETWORKS:-127.0.0.1,::1}")
[ -n "$query_networks" ] && [ -n "$ingest_networks" ] || { echo "QUERY_NETWORKS and INGEST_NETWORKS must list IP addresses or CIDR blocks" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
sed -e "s/@DATABASE@/${2:-games}/g" -e "s/@QUERY_PASSWORD_SHA256@/$(sha "$QUERY_PASSWORD")/" \
    -e "s/@INGEST_PASSWORD_SHA256@/$(sha "$INGEST_PASSWORD")/" -e "s#@QUERY_NETWORKS@#$query_networks#" \
    -e "s#@INGEST_NETWORKS@#$ingest_networks#" "$here/games-users.xml.template" > "$1"
