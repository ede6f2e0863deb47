#!/usr/bin/env bash
# Load benchmark: each scenario A) through the query-service and B) as the same question sent straight to
# ClickHouse over HTTP (the same SQL and guards with ClickHouse's default max_threads, as an analyst would send it;
# the service picks max_threads per query (QueryThreads) and reads app_id lookups through the uncompressed cache
# (GamesReader), so the last scenario also sends B with those settings: what is left there is the service's own cost), in
# the same run, with wrk (keep-alive HTTP/1.1, as notebooks and the gateway talk) at 1, 8 and 64 connections for
# DURATION seconds each, split into ROUNDS (default 3) slices that alternate A and B (at one connection the requests
# alternate one by one instead, for all of DURATION: bench/Alternate.java; ten pairs of 3 s wrk slices at one
# connection gave one scenario's ratio anywhere from 1.06x to 1.29x within minutes on this drifting machine, ten
# alternated runs 1.12x-1.17x). Prints one Markdown table: the
# medians over the slices of p50/p99 latency, requests/s and transfer rate, errors (non-2xx answers, socket errors and
# timeouts) summed, and the ratios A/B as the median of each round's ratio.
# Uses the current table of the local stack (run bench/ingest-benchmark.sh or query-benchmark.sh first for data).
# First every scenario runs WARMUP seconds (default 20) at 8 connections through the service, not recorded, and
# then rounds of 5 s per scenario until the JIT is done (the service's C2 compiler threads below JIT_QUIET, default
# 2%, of a round's time; at most 12 rounds): a fresh JVM compiles for minutes under this load (C2 still took 25% of
# the two cores in the sixth 20 s warm-up, 2.5 minutes in), and a service runs for days, so the table is the warm state.
# TCP_CC=cubic runs it under another TCP congestion control (root; the machine's own is restored on exit): under this
# VM image's bbr, 1-2% of the service's one-connection exports stalled 70-90 ms with their data unsent while the
# kernel's autotuned send buffer held the whole answer (none under cubic, Linux's default; the service now uses a fixed
# 64 KiB one; docs/query-profile.md, 2026-11-24, code at f887521). Connections the stack holds open keep the one they began with.
# Usage: DURATION=15 ROUNDS=3 CONNECTIONS="1 8 64" WARMUP=20 JIT_QUIET=2 ONLY=regex TCP_CC=cubic bench/load-benchmark.sh (ONLY: scenarios whose name matches)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15}
ROUNDS=${ROUNDS:-3}
SLICE=$(( DURATION / ROUNDS > 0 ? DURATION / ROUNDS : 1 ))   # whole seconds, as wrk takes them
read -r -a CONNECTIONS <<< "${CONNECTIONS:-1 8 64}"
. bench/lib.sh   # the deploy helpers, the JDK, the stack
command -v wrk >/dev/null || { say "installing wrk"; as_root apt-get install -y -q wrk >/dev/null; }
[ -f deploy/local/.state/query-service.pid ] && kill -0 "$(cat deploy/local/.state/query-service.pid)" 2>/dev/null \
  || die "start the local stack with data first (bench/ingest-benchmark.sh 150)"
stack_access analyst
CC=$(sysctl -n net.ipv4.tcp_congestion_control)
if [ -n "${TCP_CC:-}" ] && [ "$TCP_CC" != "$CC" ]; then
  as_root sysctl -qw net.ipv4.tcp_congestion_control="$TCP_CC"
  trap 'as_root sysctl -qw net.ipv4.tcp_congestion_control='"$CC" EXIT
fi
BASIC=$(printf %s "${CH_AUTH[1]}" | base64 -w0)
T=games.$(current_table)
ROWS=$(ch "SELECT count() FROM $T")
APP=$(lookup_app_id "$T")
# name | service path | SQL (what the service sends for it) | settings B adds
SCENARIOS=(
  "substring on name, 50 rows|/api/v1/games?name=war&fields=app_id,name,price,release_date|$(substring_sql "$T")"
  "exact app_id|/api/v1/games?app_id=$APP&fields=app_id,name,price,release_date|SELECT $PAGE_FIELDS FROM $T WHERE app_id = $APP $PAGE_ORDER LIMIT 51 FORMAT TabSeparated"
  "date range and price, 50 rows|/api/v1/games?price__between=5,10&release_date=2020&fields=app_id,name,price,release_date|SELECT $PAGE_FIELDS FROM $T WHERE price BETWEEN toDecimal64('5', 0) AND toDecimal64('10', 0) AND (isNotNull(release_date) AND (assumeNotNull(release_date) BETWEEN toDate('2020-01-01') AND toDate('2020-12-31'))) $PAGE_ORDER LIMIT 51 FORMAT TabSeparated"
  "genre group-by, avg and p90|/api/v1/games/aggregate?group_by=genres&metrics=count,avg:price,p90:price&sort=-count|SELECT arrayJoin(genres) AS g0, count() AS m0, round(avg(toFloat64(price)), 6) AS m1, round(quantileExact(0.9)(toFloat64(price)), 6) AS m2 FROM $T GROUP BY g0 ORDER BY m0 DESC, g0 ASC LIMIT 1000 FORMAT TabSeparated"
  "CSV export, 10,000 rows|/api/v1/games?format=csv&limit=10000&fields=app_id,name,price,release_date,genres|SELECT app_id, name, price, release_date, genres FROM $T $PAGE_ORDER LIMIT 10000 FORMAT CSVWithNames"
  "exact app_id, B with the service's settings too|/api/v1/games?app_id=$APP&fields=app_id,name,price,release_date|SELECT $PAGE_FIELDS FROM $T WHERE app_id = $APP $PAGE_ORDER LIMIT 51 FORMAT TabSeparated|&max_threads=1&use_uncompressed_cache=1"
)
if [ -n "${ONLY:-}" ]; then
  for i in "${!SCENARIOS[@]}"; do [[ ${SCENARIOS[$i]%%|*} =~ $ONLY ]] || unset "SCENARIOS[$i]"; done
fi

# run URL CONNECTIONS HEADER SECONDS -> "p50_ms p99_ms req_s errors transfer_MB_s"
run() {
  local out; out=$(wrk -t "$(( $2 < 2 ? 1 : 2 ))" -c "$2" -d "$4s" --timeout 10s --latency -H "$3" "$1")
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    function mb(v) { if (v ~ /GB$/) return v * 1024; if (v ~ /MB$/) return v + 0; if (v ~ /KB$/) return v / 1024; return v / 1048576 }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /^Requests\/sec/ { rps = $2 } /^Transfer\/sec/ { tr = mb($2) }
    /Non-2xx/ { err += $NF } /Socket errors/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
    END { printf "%.3f %.3f %.1f %d %.4f\n", p50, p99, rps, err, tr }' <<< "$out"
}

# alternated SERVICE_URL DIRECT_URL SECONDS -> two lines as run() prints them, A then B: one connection each, their
# requests alternated one by one (bench/Alternate.java), so that both see the same machine to the millisecond
alternated() {
  "$JAVA_HOME/bin/java" bench/Alternate.java "$3" "$1" "Authorization: Bearer $TOKEN" "$2" "Authorization: Basic $BASIC"
}

# cell LABEL CONNECTIONS SERVICE_URL DIRECT_URL: ROUNDS pairs of slices, A then B and B then A in turn, so that the
# machine's drift (its speed moves by ~1.5x within minutes) falls on both sides; at one connection one alternated run
# instead (its requests already take turns: slices would only restart its JVM cold); prints one table row: each side's
# medians over its slices, errors summed, and the ratios as the median of the per-round ratios
cell() {
  local r slices="" a b
  if (( $2 == 1 )); then
    { read -r a; read -r b; } < <(alternated "$3" "$4" "$(( SLICE * ROUNDS ))")
    slices="$a $b"
  else
    for ((r = 0; r < ROUNDS; r++)); do
      if (( r % 2 == 0 )); then
        a=$(run "$3" "$2" "Authorization: Bearer $TOKEN" "$SLICE"); b=$(run "$4" "$2" "Authorization: Basic $BASIC" "$SLICE")
      else
        b=$(run "$4" "$2" "Authorization: Basic $BASIC" "$SLICE"); a=$(run "$3" "$2" "Authorization: Bearer $TOKEN" "$SLICE")
      fi
      slices+="$a $b"$'\n'
    done
  fi
  python3 -c '
import statistics as st, sys
label, connections = sys.argv[1], int(sys.argv[2])
rows = [list(map(float, line.split())) for line in sys.stdin if line.strip()]
a, b = [r[:5] for r in rows], [r[5:] for r in rows]
med = lambda side, i: st.median(x[i] for x in side)
ratio = lambda i: st.median(x[i] / y[i] if y[i] else float("nan") for x, y in zip(a, b))
print(f"| {label} | {connections} | {med(a,0):.2f} ms | {med(a,1):.2f} ms | {med(a,2):.0f} | {sum(x[3] for x in a):.0f} "
      f"| {med(b,0):.2f} ms | {med(b,1):.2f} ms | {med(b,2):.0f} | {sum(x[3] for x in b):.0f} "
      f"| {ratio(0):.2f}x | {ratio(2):.2f}x | {med(a,4):.2f} / {med(b,4):.2f} MB/s |")' "$1" "$2" <<< "$slices"
}

# warm ROUND_SECONDS: every scenario at 8 connections for that long, through the service
warm() {
  local s name path
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r name path _ <<< "$s"
    wrk -t 2 -c 8 -d "$1s" --timeout 10s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:8082$path" >/dev/null
  done
}
# c2_ms: CPU time the query-service's C2 compiler threads have used, in ms (clock ticks of 10 ms)
c2_ms() {
  local t sum=0
  for t in /proc/"$(cat deploy/local/.state/query-service.pid)"/task/*; do
    [[ $(cat "$t/comm" 2>/dev/null) == C2* ]] && sum=$(( sum + $(awk '{print $14 + $15}' "$t/stat") ))
  done
  echo $(( sum * 10 ))
}
say "warming up: ${WARMUP:-20} s per scenario"
warm "${WARMUP:-20}"
for ((w = 1; w <= 12; w++)); do
  before=$(c2_ms); warm 5; used=$(( $(c2_ms) - before ))
  say "warm-up round $w: C2 compiled for $used ms of $(( 5000 * ${#SCENARIOS[@]} )) ms"
  (( used * 100 <= ${JIT_QUIET:-2} * 5000 * ${#SCENARIOS[@]} )) && break
done
(( w > 12 )) && { w=12; say "C2 still compiling after 12 rounds; measuring anyway"; }

echo
echo "Load benchmark: $ROWS rows, ClickHouse $(ch 'SELECT version()'), $(nproc) cores, TCP $(sysctl -n net.ipv4.tcp_congestion_control), $((SLICE * ROUNDS)) s per side of a cell in $ROUNDS interleaved slices of $SLICE s, after ${WARMUP:-20} s of warm-up per scenario and $w rounds of 5 s until C2 was quiet (at most 12) (wrk, keep-alive; at one connection A and B alternate request by request)"
echo
echo "| scenario | connections | A) service p50 | A p99 | A req/s | A errors | B) ClickHouse p50 | B p99 | B req/s | B errors | p50 A/B | req/s A/B | transfer A / B |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for s in "${SCENARIOS[@]}"; do
  IFS='|' read -r name path sql extra <<< "$s"
  for c in "${CONNECTIONS[@]}"; do
    cell "$name" "$c" "http://127.0.0.1:8082$path" "$CH/?query=$(urlencode "$sql")&$GUARDS${extra:-}"
  done
done
