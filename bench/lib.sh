# Helpers for the benchmarks; source from the repository root. Brings deploy/local/lib.sh and finds the JDK.
. deploy/local/lib.sh
find_jdk
OUT=bench/out
mkdir -p "$OUT"
CH=${CLICKHOUSE_URL:-http://127.0.0.1:${CLICKHOUSE_HTTP_PORT:-8123}}
CH_AUTH=(-u "${CLICKHOUSE_USER:-default}:${CLICKHOUSE_PASSWORD:-}")
calc() { awk "BEGIN { printf \"%.6f\", $* }"; }

# The local stack (JVM flags by PROFILE, see deploy/docker/entrypoint.sh), started afresh, and access to it.
ensure_stack() {
  # the URL policy allows the sample's file server and the benchmark's own (8091), nothing else on loopback
  JAVA_OPTS=${JAVA_OPTS:-} INGEST_URL_POLICY_ALLOW=127.0.0.1:${SAMPLE_PORT:-8090},127.0.0.1:8091 ./deploy/local/run.sh >/dev/null
  stack_access admin
}

# stack_access ROLE: ClickHouse credentials and a token with ROLE for the running local stack (the services check
# tokens themselves, so the benchmarks call them directly, without the gateway's per-client rate limit).
stack_access() {
  if [ -z "${CLICKHOUSE_PASSWORD:-}" ]; then  # the local run's ClickHouse: default has a generated password
    CH_AUTH=(-u "${CLICKHOUSE_USER:-default}:$(sed -n 's/^CLICKHOUSE_ADMIN_PASSWORD=//p' deploy/local/.state/secrets.env)")
  fi
  TOKEN=$(./deploy/local/token.sh --sub bench --roles "$1" --ttl 4h)
  AUTH=(-H "Authorization: Bearer $TOKEN")
}

# urlencode TEXT: TEXT as one URL query value.
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# ch SQL: ClickHouse's answer to SQL, straight over HTTP.
ch() { curl -fsS "${CH_AUTH[@]}" "$CH/" --data-binary "$1"; }

# settle: waits (up to 60 s) until ClickHouse has no merge and no mutation running, so a timed step does not share
# the cores with the background work of the step before it.
settle() {
  local i
  for i in $(seq 600); do
    [ "$(ch "SELECT (SELECT count() FROM system.merges) + (SELECT count() FROM system.mutations WHERE NOT is_done)")" = 0 ] && return
    sleep 0.1
  done
}

# current_table: the games table queries read now (the newest row of the pointer table).
current_table() { ch "SELECT table_name FROM games.games_current ORDER BY version DESC LIMIT 1"; }

# What the query-service sends ClickHouse for a page of app_id, name, price, release_date (GamesSql), and the guards
# it sets on every query (GamesReader): for the benchmarks that ask ClickHouse the same question directly.
PAGE_FIELDS="app_id, name, price, release_date, app_id, source_row"
PAGE_ORDER="ORDER BY app_id ASC, source_row ASC"
GUARDS="max_execution_time=30&max_result_rows=1000001&result_overflow_mode=throw"
# substring_sql TABLE: the service's SQL for /api/v1/games?name=war&fields=app_id,name,price,release_date
substring_sql() {
  echo "SELECT $PAGE_FIELDS FROM $1 WHERE positionCaseInsensitiveUTF8(name, 'war') > 0 $PAGE_ORDER LIMIT 51 FORMAT TabSeparated"
}
# lookup_app_id TABLE: the benchmarks' point lookup, the app_id two thirds into the file
lookup_app_id() { ch "SELECT app_id FROM $1 ORDER BY source_row LIMIT 1 OFFSET $(( $(ch "SELECT count() FROM $1") * 2 / 3 ))"; }

# generate_csv MB SEED: prints the path of the seeded file, generating it once.
generate_csv() {
  local file=$OUT/games-${1}mb-seed${2}.csv
  if [ ! -f "$file" ]; then
    say "generating $file"
    ./mvnw -B -q -ntp -pl shared-model test-compile dependency:build-classpath -Dmdep.outputFile="$(pwd)/$OUT/cp.txt" >/dev/null
    java -cp "shared-model/target/test-classes:shared-model/target/classes:$(cat "$OUT/cp.txt")" \
      games.analytics.testing.GamesCsvGenerator "$file" "$1" "$2" >/dev/null
  fi
  echo "$file"
}

# serve_files DIR: nginx serves DIR on 127.0.0.1:8091 (sendfile, as a real file host would: its CPU is not the
# service's; a JVM file server here took ~0.4 CPU-s of the two cores per 150 MB ingestion). Stays up until the
# benchmark's shell exits.
serve_files() {
  local dir conf=$OUT/fileserver
  dir=$(cd "$1" && pwd)
  install_nginx
  mkdir -p "$conf"
  cat > "$conf/nginx.conf.new" <<CONF
worker_processes 1;
pid $(pwd)/$conf/nginx.pid;
error_log $(pwd)/$conf/error.log;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $(pwd)/$conf/tmp;
  proxy_temp_path $(pwd)/$conf/tmp;
  fastcgi_temp_path $(pwd)/$conf/tmp;
  uwsgi_temp_path $(pwd)/$conf/tmp;
  scgi_temp_path $(pwd)/$conf/tmp;
  server { listen 127.0.0.1:8091; root $dir; }
}
CONF
  if [ -f "$conf/nginx.pid" ] && kill -0 "$(cat "$conf/nginx.pid")" 2>/dev/null; then
    cmp -s "$conf/nginx.conf.new" "$conf/nginx.conf" && return
    mv "$conf/nginx.conf.new" "$conf/nginx.conf"
    "$(nginx_binary)" -c "$(pwd)/$conf/nginx.conf" -s reload 2>/dev/null
  else
    mv "$conf/nginx.conf.new" "$conf/nginx.conf"
    "$(nginx_binary)" -c "$(pwd)/$conf/nginx.conf"
    trap '"$(nginx_binary)" -c "$(pwd)/'"$conf"'/nginx.conf" -s quit 2>/dev/null || true' EXIT
  fi
  sleep 0.2
}

# ingest_file FILE: serves FILE over HTTP, ingests it through the service and waits; prints the final job
# JSON; sets INGEST_SECONDS (the job's createdAt -> finishedAt), PEAK_RSS_KIB and PEAK_CH_RSS_KIB (resident
# memory of the ingest-service and of ClickHouse, sampled every 0.1 s).
ingest_file() {
  local file=$1 job status rss
  serve_files "$(dirname "$file")"
  local pid ch; pid=$(cat deploy/local/.state/ingest-service.pid); ch=$(pgrep -o -f clickhouse-server)
  job=$(curl -fsS "${AUTH[@]}" -X POST localhost:8081/api/v1/ingestions -H 'Content-Type: application/json' \
    -d "{\"url\": \"http://127.0.0.1:8091/$(basename "$file")\"}" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
  # watch the job's progress events while it runs
  curl -sN "${AUTH[@]}" "localhost:8081/api/v1/ingestions/$job/events" > "$OUT/events.txt" 2>/dev/null &
  local events=$!
  PEAK_RSS_KIB=0 PEAK_CH_RSS_KIB=0
  while :; do
    status=$(curl -fsS "${AUTH[@]}" "localhost:8081/api/v1/ingestions/$job")
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    [ "$rss" -gt "$PEAK_RSS_KIB" ] && PEAK_RSS_KIB=$rss
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$ch/status")
    [ "$rss" -gt "$PEAK_CH_RSS_KIB" ] && PEAK_CH_RSS_KIB=$rss
    case "$status" in *'"status":"succeeded"'*|*'"status":"failed"'*) break ;; esac
    sleep 0.1
  done
  wait "$events" 2>/dev/null || true
  SSE_EVENTS=$(grep -c '^data:' "$OUT/events.txt" || true)
  # the job's own clock, from accepting the link to the data being queryable: the status poll above only sees the
  # end to within its 0.1 s, which was up to 6% of a 150 MB ingestion
  local created finished
  created=$(sed -n 's/.*"createdAt":"\([^"]*\)".*/\1/p' <<< "$status")
  finished=$(sed -n 's/.*"finishedAt":"\([^"]*\)".*/\1/p' <<< "$status")
  INGEST_SECONDS=$(calc "$(date -d "$finished" +%s.%N) - $(date -d "$created" +%s.%N)")
  case "$status" in *'"status":"failed"'*) die "ingestion failed: $status" ;; esac
  echo "$status"
}
