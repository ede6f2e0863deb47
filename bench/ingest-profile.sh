#!/usr/bin/env bash
# Profiles one ingestion with Java Flight Recorder: the ingest-service is warmed by one ingestion, then runs with a
# JFR recording (profile settings) while it ingests the generated file (default 150 MB) again; the recording is
# dumped to bench/out/ingest.jfr. Prints the CPU each service thread and ClickHouse used for that ingestion (from
# /proc), JFR's hottest methods and the job's log lines.
# Usage: bench/ingest-profile.sh [megabytes=150] [seed=42]
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-150}
SEED=${2:-42}
. bench/lib.sh   # the deploy helpers, the JDK, the stack and file helpers
./deploy/local/run.sh stop >/dev/null 2>&1 || true
ensure_stack
FILE=$(generate_csv "$MB" "$SEED")
pid=$(cat deploy/local/.state/ingest-service.pid)
ch=$(pgrep -o -f clickhouse-server)
for _ in 1 2 3; do ingest_file "$FILE" > /dev/null; done   # warm-up: the first ingestions after start are mostly JIT compilation
threads() { for t in /proc/"$pid"/task/*; do echo "$(tr ' ' _ < "$t/comm") $(awk '{print $14 + $15}' "$t/stat") ${t##*/}"; done; }
threads > "$OUT/threads-before.txt"; ch_before=$(awk '{print $14 + $15}' "/proc/$ch/stat")
"$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=ingest settings=profile >/dev/null   # the ingestion only, not the start-up
ingest_file "$FILE" > "$OUT/job.json"
threads > "$OUT/threads-after.txt"; ch_after=$(awk '{print $14 + $15}' "/proc/$ch/stat")
printf '\nCPU per thread during the ingestion (ms; clock ticks of 10 ms)\n'
awk 'NR == FNR {before[$3] = $2; next} {d = $2 - before[$3]; if (d > 0) cpu[$1] += d} END {for (n in cpu) printf "%6d  %s\n", cpu[n] * 10, n}' \
  "$OUT/threads-before.txt" "$OUT/threads-after.txt" | sort -rn | head -8
printf '%6d  ClickHouse (all threads)\n' $(((ch_after - ch_before) * 10))
"$JAVA_HOME/bin/jcmd" "$pid" JFR.dump name=ingest filename="$(pwd)/$OUT/ingest.jfr" >/dev/null
printf '\nIngestion of %s bytes: %.2f s (job: %s)\n' "$(stat -c %s "$FILE")" "$INGEST_SECONDS" "$(sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' "$OUT/job.json")"
grep -E "ingestion .* (started|header ok|batch|published|succeeded)" deploy/local/.state/ingest-service.log | tail -8
"$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$OUT/ingest.jfr"
"$JAVA_HOME/bin/jfr" view --width 160 thread-cpu-load "$OUT/ingest.jfr" | head -20
