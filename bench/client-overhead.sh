#!/usr/bin/env bash
# What each ClickHouse client adds to a query, one call at a time: bench/ClientLoop.java sends the service's
# substring query with the service's settings through a raw socket, client-v2 (as the services build it) and
# Micronaut's HTTP client, each in a fresh JVM for SECONDS_ (the first half warms it), in ROUNDS interleaved rounds;
# tcpdump reads ClickHouse's own time off the wire (query sent -> last byte of the answer), so what is left of the
# client's p50 above it is the client's. Needs the local stack with data and root (tcpdump on lo).
# Usage: [SECONDS_=12] [ROUNDS=2] bench/client-overhead.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
command -v tcpdump >/dev/null || { say "installing tcpdump"; as_root apt-get install -y -q tcpdump >/dev/null; }
stack_access analyst
T=games.$(current_table)
JAR=ingest-service/target/ingest-service.jar
[ -f "$JAR" ] || die "build the services first (./deploy/local/run.sh)"
PASSWORD=$(sed -n 's/^CLICKHOUSE_QUERY_PASSWORD=//p' deploy/local/.state/secrets.env)
SQL=$(substring_sql "$T")
CAPTURE=$(mktemp)
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
DUMP=
trap '[ -n "$DUMP" ] && $SUDO kill "$DUMP" 2>/dev/null; rm -f "$CAPTURE"' EXIT
echo "| client | calls | p50 at the client | ClickHouse's part (wire) | added by the client |"
echo "| --- | ---: | ---: | ---: | ---: |"
for ((r = 0; r < ${ROUNDS:-2}; r++)); do
  for client in raw client-v2 micronaut; do
    $SUDO tcpdump -i lo -n -tt -l 'tcp port 8123' > "$CAPTURE" 2>/dev/null &   # directly, so that $! is tcpdump
    DUMP=$!
    sleep 0.5
    out=$(java -cp "$JAR" bench/ClientLoop.java "$client" games_query "$PASSWORD" "${SECONDS_:-12}" <<< "$SQL" 2>/dev/null | tail -1)
    sleep 0.3
    $SUDO kill "$DUMP"; wait "$DUMP" 2>/dev/null || true; DUMP=
    python3 - "$CAPTURE" "$out" <<'PY'
import re, sys
calls, p50 = re.search(r' (\d+) calls, p50 ([0-9.]+) ms', sys.argv[2]).groups()
parts, sent, last = [], {}, {}
for line in open(sys.argv[1]):
    m = re.match(r'(\S+) IP 127\.0\.0\.1\.(\d+) > 127\.0\.0\.1\.(\d+):.*length (\d+)', line)
    if not m or m.group(4) == '0':
        continue
    t, src, dst = float(m.group(1)), m.group(2), m.group(3)
    if dst == '8123':                         # a query leaves on connection src
        if sent.get(src) and last.get(src):
            parts.append((sent[src], last[src] - sent[src]))
        sent[src], last[src] = t, None
    elif src == '8123':
        last[dst] = t
for port in sent:
    if sent[port] and last.get(port):
        parts.append((sent[port], last[port] - sent[port]))
parts.sort()
second = sorted(d for _, d in parts[len(parts) // 2:])   # the same half the client reports
ch = second[len(second) // 2] * 1000
print(f"| {sys.argv[2].split()[0]} | {calls} | {float(p50):.2f} ms | {ch:.2f} ms | {float(p50) - ch:.2f} ms |")
PY
  done
done
