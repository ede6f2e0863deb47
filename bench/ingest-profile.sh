#!/usr/bin/env bash
# Profiles one ingestion with Java Flight Recorder: the ingest-service runs with a JFR recording (profile
# settings), ingests the generated file (default 150 MB) through the local stack, and the recording is dumped
# to bench/out/ingest.jfr; then prints JFR's hottest methods, the busiest threads and the job's batch log lines.
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
"$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=ingest settings=profile >/dev/null   # the ingestion only, not the start-up
ingest_file "$FILE" > "$OUT/job.json"
"$JAVA_HOME/bin/jcmd" "$pid" JFR.dump name=ingest filename="$(pwd)/$OUT/ingest.jfr" >/dev/null
printf '\nIngestion of %s bytes: %.2f s (job: %s)\n' "$(stat -c %s "$FILE")" "$INGEST_SECONDS" "$(sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' "$OUT/job.json")"
grep -E "ingestion .* (started|header ok|batch|published|succeeded)" deploy/local/.state/ingest-service.log | tail -8
"$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$OUT/ingest.jfr"
"$JAVA_HOME/bin/jfr" view --width 160 thread-cpu-load "$OUT/ingest.jfr" | head -20
