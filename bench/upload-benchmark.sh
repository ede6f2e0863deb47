#!/usr/bin/env bash
# Upload benchmark: the same seeded generated CSV (default 1000 MB), loaded by the ingest-service (started with
# -Xmx256m, as ./deploy/local/run.sh does) three ways, one after the other, REPEAT times (default 2):
#   link      POST {"url": ...}: the service downloads it from a local nginx (the path every other benchmark measures),
#   body      curl -X POST -T: the file as the request body (Content-Type: text/csv),
#   form      curl -F file=@...: the file as a browser form's part (multipart/form-data).
# Each row: the job's own time (createdAt to finishedAt, medians) and the ingest-service's peak RSS (sampled every 0.1 s
# from /proc), and the time as a ratio to the link's. The upload goes straight to the service, not through the gateway.
# Usage: [REPEAT=2] bench/upload-benchmark.sh [megabytes]   (seed 42)
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-1000}
. bench/lib.sh
ensure_stack
REPEAT=${REPEAT:-2}
FILE=$(generate_csv "$MB" 42)
PID=$(cat deploy/local/.state/ingest-service.pid)
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
peak_rss() { awk '/VmRSS/ {print $2}' "/proc/$PID/status"; }

# uploads one way ($1: body or form) while sampling the service's RSS; sets INGEST_SECONDS and PEAK_RSS_KIB
upload_file() {
  local answer=$OUT/upload-answer.json status job created finished rss
  PEAK_RSS_KIB=0
  if [ "$1" = body ]; then
    curl -fsS "${AUTH[@]}" -X POST -H 'Content-Type: text/csv' -T "$FILE" "localhost:8081/api/v1/ingestions?filename=$(basename "$FILE")" > "$answer" &
  else
    curl -fsS "${AUTH[@]}" -F "file=@$FILE;type=text/csv" localhost:8081/api/v1/ingestions > "$answer" &
  fi
  local curl_pid=$!
  while kill -0 "$curl_pid" 2>/dev/null; do
    rss=$(peak_rss); [ "$rss" -gt "$PEAK_RSS_KIB" ] && PEAK_RSS_KIB=$rss
    sleep 0.1
  done
  wait "$curl_pid" || die "upload refused: $(cat "$answer")"
  job=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' "$answer")
  while :; do
    status=$(curl -fsS "${AUTH[@]}" "localhost:8081/api/v1/ingestions/$job")
    rss=$(peak_rss); [ "$rss" -gt "$PEAK_RSS_KIB" ] && PEAK_RSS_KIB=$rss
    case "$status" in *'"status":"succeeded"'*) break ;; *'"status":"failed"'*) die "upload failed: $status" ;; esac
    sleep 0.1
  done
  created=$(sed -n 's/.*"createdAt":"\([^"]*\)".*/\1/p' <<< "$status")
  finished=$(sed -n 's/.*"finishedAt":"\([^"]*\)".*/\1/p' <<< "$status")
  INGEST_SECONDS=$(calc "$(date -d "$finished" +%s.%N) - $(date -d "$created" +%s.%N)")
}

ingest_file "$FILE" > /dev/null   # JIT warm-up, not counted
declare -A TIMES RSS
for run in $(seq "$REPEAT"); do
  for way in link body form; do
    say "$MB MB, run $run of $REPEAT: $way"
    settle
    if [ "$way" = link ]; then ingest_file "$FILE" > /dev/null; else upload_file "$way"; fi
    TIMES[$way]="${TIMES[$way]:-} $INGEST_SECONDS"
    [ $((PEAK_RSS_KIB / 1024)) -gt "${RSS[$way]:-0}" ] && RSS[$way]=$((PEAK_RSS_KIB / 1024))
  done
done
LINK=$(median ${TIMES[link]})
echo
echo "| $MB MB, $(date +%F) | median of $REPEAT | ingest-service peak RSS | vs link |"
echo "| --- | ---: | ---: | ---: |"
for way in link body form; do
  T=$(median ${TIMES[$way]})
  printf '| %s | %.2f s | %d MiB | %.2f |\n' "$way" "$T" "${RSS[$way]}" "$(calc "$T / $LINK")"
done
