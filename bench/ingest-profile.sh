#!/usr/bin/env bash
# Profiles one ingestion: the ingest-service is warmed by three ingestions, then profiled while it ingests the
# generated file (default 150 MB) again, with Java Flight Recorder (profile settings; bench/out/ingest.jfr) or, with
# PROFILER=async, async-profiler 4.2 from Maven Central (CPU samples every 1 ms with native and kernel frames;
# collapsed stacks per thread in bench/out/ingest-async.txt, e.g. for a flame graph). Prints the CPU each service
# thread and ClickHouse used for that ingestion (from /proc), the hottest methods and the job's log lines.
# Usage: [PROFILER=jfr|async] bench/ingest-profile.sh [megabytes=150] [seed=42]
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
AP=$OUT/async-profiler/linux-x64/libasyncProfiler.so
if [ "${PROFILER:-jfr}" = async ]; then
  if [ ! -f "$AP" ]; then
    curl -fsS -o "$OUT/async-profiler.jar" https://repo1.maven.org/maven2/tools/profiler/async-profiler/4.2/async-profiler-4.2.jar
    unzip -o -q "$OUT/async-profiler.jar" linux-x64/libasyncProfiler.so -d "$OUT/async-profiler"
  fi
  # jcmd splits name=value arguments: the agent's options go in quotes
  "$JAVA_HOME/bin/jcmd" "$pid" JVMTI.agent_load "$(pwd)/$AP" '"start,event=cpu,interval=1ms,threads"' >/dev/null
else
  "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=ingest settings=profile >/dev/null   # the ingestion only, not the start-up
fi
ingest_file "$FILE" > "$OUT/job.json"
threads > "$OUT/threads-after.txt"; ch_after=$(awk '{print $14 + $15}' "/proc/$ch/stat")
printf '\nCPU per thread during the ingestion (ms; clock ticks of 10 ms)\n'
awk 'NR == FNR {before[$3] = $2; next} {d = $2 - before[$3]; if (d > 0) cpu[$1] += d} END {for (n in cpu) printf "%6d  %s\n", cpu[n] * 10, n}' \
  "$OUT/threads-before.txt" "$OUT/threads-after.txt" | sort -rn | head -8
printf '%6d  ClickHouse (all threads)\n' $(((ch_after - ch_before) * 10))
printf '\nIngestion of %s bytes: %.2f s (job: %s)\n' "$(stat -c %s "$FILE")" "$INGEST_SECONDS" "$(sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' "$OUT/job.json")"
grep -E "ingestion .* (started|header ok|batch|read to the end|published|succeeded)" deploy/local/.state/ingest-service.log | tail -9
if [ "${PROFILER:-jfr}" = async ]; then
  "$JAVA_HOME/bin/jcmd" "$pid" JVMTI.agent_load "$(pwd)/$AP" "\"stop,collapsed,threads,file=$(pwd)/$OUT/ingest-async.txt\"" >/dev/null
  printf '\nHottest frames of the busiest threads (1 ms samples, self time)\n'
  awk '{n = $NF; sub(/ [0-9]+$/, ""); k = split($0, f, ";"); t = f[1]; gsub(/[-_ #]*[0-9]*( tid=[0-9]+)?\]$|^\[/, "", t)
        total[t] += n; self[t ";" f[k]] += n}
       END {for (s in self) {split(s, p, ";"); if (total[p[1]] > 100) printf "%6d  %-24s %s\n", self[s], p[1], p[2]}}' \
    "$OUT/ingest-async.txt" | sort -rn | head -30
else
  "$JAVA_HOME/bin/jcmd" "$pid" JFR.dump name=ingest filename="$(pwd)/$OUT/ingest.jfr" >/dev/null
  "$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$OUT/ingest.jfr"
  "$JAVA_HOME/bin/jfr" view --width 160 thread-cpu-load "$OUT/ingest.jfr" | head -20
fi
