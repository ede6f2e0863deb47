#!/usr/bin/env bash
# Where one request's time goes, read off the wire: captures loopback packets (tcpdump) while wrk sends a request
# (an app_id page unless QUERY says otherwise) through the query-service at one connection, and splits each request
# into the service's part before its query leaves for ClickHouse, ClickHouse's answer, and the service's part after
# it. Nothing in the service is touched, so nothing is slowed but by the capture itself. Needs the local stack with
# data and root (tcpdump on lo).
# Usage: SECONDS_=3 [QUERY='/api/v1/games?name=war&fields=app_id,name'] [WRK_SCRIPT=pacing.lua] bench/wire-timeline.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
command -v tcpdump >/dev/null || { say "installing tcpdump"; as_root apt-get install -y -q tcpdump >/dev/null; }
command -v wrk >/dev/null || { say "installing wrk"; as_root apt-get install -y -q wrk >/dev/null; }
stack_access analyst
T=games.$(current_table)
APP=$(lookup_app_id "$T")
URL="http://127.0.0.1:8082${QUERY:-/api/v1/games?app_id=$APP&fields=app_id,name,price,release_date}"
wrk -t1 -c1 -d10s -H "Authorization: Bearer $TOKEN" "$URL" >/dev/null # warm the path
CAPTURE=$(mktemp)
# not through the as_root function: "$!" would then be a subshell, and killing it left tcpdump capturing (and
# slowing every later measurement); sudo passes the signal on
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
$SUDO tcpdump -i lo -n -tt -l 'tcp port 8082 or tcp port 8123' > "$CAPTURE" 2>/dev/null &
DUMP=$!
trap '$SUDO kill "$DUMP" 2>/dev/null; rm -f "$CAPTURE"' EXIT
sleep 1
wrk -t1 -c1 -d"${SECONDS_:-3}s" ${WRK_SCRIPT:+-s $WRK_SCRIPT} --latency -H "Authorization: Bearer $TOKEN" "$URL" | grep -E '50%|Requests/sec'
sleep 1
$SUDO kill "$DUMP"
wait "$DUMP" 2>/dev/null || true
python3 - "$CAPTURE" <<'EOF'
import re, sys
before, clickhouse, after = [], [], []
request = query = last = None
for line in open(sys.argv[1]):
    m = re.match(r'(\S+) IP 127\.0\.0\.1\.(\d+) > 127\.0\.0\.1\.(\d+):.*length (\d+)', line)
    if not m or m.group(4) == '0':
        continue
    t, src, dst = float(m.group(1)), m.group(2), m.group(3)
    if dst == '8082':                      # the client's request arrives
        request, query, last = t, None, None
    elif dst == '8123':                    # the service's query leaves
        query = t
    elif src == '8123':                    # ClickHouse answers (last packet counts)
        last = t
    elif src == '8082' and request and query and last:   # the service's answer leaves
        before.append(query - request); clickhouse.append(last - query); after.append(t - last)
def p(a, q): a = sorted(a); return a[int(len(a) * q)] * 1000
print(f"{len(before)} requests")
for name, a in (("service, before the query leaves", before), ("ClickHouse, query to last byte", clickhouse),
                ("service, after the answer arrives", after)):
    print(f"{name:36s} p50 {p(a, .5):.3f} ms  p90 {p(a, .9):.3f} ms")
EOF
