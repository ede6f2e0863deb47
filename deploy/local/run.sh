#!/usr/bin/env bash
# Starts the whole stack on this machine: ClickHouse (an existing one, Docker, or Debian's package run
# as a plain process) with the services' least-privilege users, the ingest-service (8081), the
# query-service (8082), the nginx gateway in front of both (8080), and a tiny file server for the
# bundled sample CSV (8090). Secrets are generated once into deploy/local/.state/secrets.env.
# `run.sh stop` stops what it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/lib.sh
ROOT=$(pwd)
STATE=$ROOT/deploy/local/.state
export PROFILE=${PROFILE:-default}   # small: ClickHouse and JVM settings for a ~1 GB machine (docs/deploy.md)
[ -f "deploy/clickhouse/$PROFILE.xml" ] || die "PROFILE is default or small, got $PROFILE"
CH_HTTP_PORT=${CLICKHOUSE_HTTP_PORT:-8123}
CH_TCP_PORT=${CLICKHOUSE_TCP_PORT:-9000}
GATEWAY_PORT=${GATEWAY_PORT:-8080}
SAMPLE_PORT=${SAMPLE_PORT:-8090}
mkdir -p "$STATE"

stop_pid() { # name
  local f="$STATE/$1.pid"
  [ -f "$f" ] || return 0
  local pid; pid=$(cat "$f")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    say "stopped $1 ($pid)"
  fi
  rm -f "$f"
}

if [ "${1:-start}" = stop ]; then
  for p in sample-server gateway query-service ingest-service clickhouse; do stop_pid "$p"; done
  docker_available && docker rm -f games-clickhouse >/dev/null 2>&1 || true
  exit 0
fi

find_jdk
say "JDK: $JAVA_HOME"

# 0. Secrets, made once and kept (mode 600): the JWT key and the services' ClickHouse passwords
if [ ! -f "$STATE/secrets.env" ]; then
  umask 077
  {
    echo "JWT_SECRET=$(random_secret)"
    echo "CLICKHOUSE_QUERY_PASSWORD=$(random_secret)"
    echo "CLICKHOUSE_INGEST_PASSWORD=$(random_secret)"
  } > "$STATE/secrets.env"
  umask 022
fi
if ! grep -q '^CLICKHOUSE_ADMIN_PASSWORD=' "$STATE/secrets.env"; then  # ClickHouse's own default user (older state files lack it)
  echo "CLICKHOUSE_ADMIN_PASSWORD=$(random_secret)" >> "$STATE/secrets.env"
fi
set -a; . "$STATE/secrets.env"; set +a
QUERY_USER=${CLICKHOUSE_QUERY_USER:-games_query}
INGEST_USER=${CLICKHOUSE_INGEST_USER:-games_ingest}
render_users() { # FILE
  QUERY_PASSWORD=$CLICKHOUSE_QUERY_PASSWORD INGEST_PASSWORD=$CLICKHOUSE_INGEST_PASSWORD deploy/clickhouse/render-users.sh "$1" games
}

# 1. ClickHouse
if [ -n "${CLICKHOUSE_URL:-}" ]; then
  say "ClickHouse: $CLICKHOUSE_URL (from CLICKHOUSE_URL; it must have the users of deploy/clickhouse/games-users.xml.template)"
elif http_ok "http://127.0.0.1:$CH_HTTP_PORT/ping"; then
  export CLICKHOUSE_URL="http://127.0.0.1:$CH_HTTP_PORT"
  say "ClickHouse: already running at $CLICKHOUSE_URL"
  # our own local server: its users and quota follow the template (ClickHouse reloads them within seconds)
  [ -f "$STATE/clickhouse-etc/config.d/games-users.xml" ] && render_users "$STATE/clickhouse-etc/config.d/games-users.xml"
elif docker_available; then
  say "ClickHouse: starting clickhouse/clickhouse-server:25.8 in Docker"
  # published ports reach the container from Docker's bridge gateway, not from loopback
  QUERY_NETWORKS=127.0.0.1,::1,172.16.0.0/12 INGEST_NETWORKS=127.0.0.1,::1,172.16.0.0/12 render_users "$STATE/games-users.xml"
  docker run -d --name games-clickhouse -p "127.0.0.1:$CH_HTTP_PORT:8123" -e CLICKHOUSE_USER=default \
    -e CLICKHOUSE_PASSWORD="$CLICKHOUSE_ADMIN_PASSWORD" \
    -v "$STATE/games-users.xml:/etc/clickhouse-server/users.d/games-users.xml:ro" \
    clickhouse/clickhouse-server:25.8 >/dev/null
  export CLICKHOUSE_URL="http://127.0.0.1:$CH_HTTP_PORT"
  wait_for "$CLICKHOUSE_URL/ping" 60 ClickHouse
else
  install_clickhouse
  mkdir -p "$STATE/clickhouse" "$STATE/clickhouse-etc/config.d"
  admin_sha=$(printf '%s' "$CLICKHOUSE_ADMIN_PASSWORD" | sha256sum | cut -d' ' -f1)
  sed -e "s#@DATA@#$STATE/clickhouse#g" -e "s#@HTTP_PORT@#$CH_HTTP_PORT#" -e "s#@TCP_PORT@#$CH_TCP_PORT#" \
    -e "s#@ADMIN_PASSWORD_SHA256@#$admin_sha#" deploy/clickhouse/local-config.xml > "$STATE/clickhouse-etc/config.xml"
  render_users "$STATE/clickhouse-etc/config.d/games-users.xml"  # 18.16 reads users from the main config
  cp "deploy/clickhouse/${PROFILE:-default}.xml" "$STATE/clickhouse-etc/config.d/zz-profile.xml"  # PROFILE=small: ~1 GB
  nohup "$(clickhouse_binary)" --config-file="$STATE/clickhouse-etc/config.xml" > "$STATE/clickhouse.out" 2>&1 &
  echo $! > "$STATE/clickhouse.pid"
  export CLICKHOUSE_URL="http://127.0.0.1:$CH_HTTP_PORT"
  wait_for "$CLICKHOUSE_URL/ping" 60 "clickhouse-server (log: $STATE/clickhouse/server.err.log)"
  say "ClickHouse: $(clickhouse_binary) at $CLICKHOUSE_URL, data in $STATE/clickhouse"
fi

# 2. Build the services once (or after changes with REBUILD=1)
if [ "${REBUILD:-0}" = 1 ] || [ ! -f ingest-service/target/ingest-service.jar ] || [ ! -f query-service/target/query-service.jar ]; then
  say "building the services (first time: a few minutes for dependencies)"
  ./mvnw -B -q -ntp -DskipTests package
fi

# 2b. One web UI login, admin, with a generated password (kept in secrets.env); more with AddLoginUser (docs/ui.md)
if ! grep -q '^UI_ADMIN_PASSWORD=' "$STATE/secrets.env"; then
  echo "UI_ADMIN_PASSWORD=$(random_secret)" >> "$STATE/secrets.env"
  set -a; . "$STATE/secrets.env"; set +a
fi
(umask 077; printf '%s\n' "$UI_ADMIN_PASSWORD" > "$STATE/ui-admin-password.txt")   # never printed to the terminal
if [ ! -s "$STATE/login-users.txt" ]; then
  printf '%s\n' "$UI_ADMIN_PASSWORD" | "$JAVA_HOME/bin/java" -cp query-service/target/query-service.jar \
    games.analytics.query.login.AddLoginUser --user admin --roles admin > "$STATE/login-users.txt.new"
  mv "$STATE/login-users.txt.new" "$STATE/login-users.txt"
  chmod 600 "$STATE/login-users.txt"
fi

# 3. Services, each as its own ClickHouse user, on loopback only: users reach them through the gateway and its limits
start_service() { # name port clickhouse-user clickhouse-password
  stop_pid "$1"
  # from a copy: a build rewrites the jar in target/, and a JVM still loading classes from it fails with
  # NoClassDefFoundError (a rebuild during a benchmark killed the query-service's event loop); mv keeps a copy whole
  cp "$1/target/$1.jar" "$STATE/$1.jar.new" && mv "$STATE/$1.jar.new" "$STATE/$1.jar"
  # the strict URL policy stays on; only the bundled sample's file server is allowed although it is on loopback
  CLICKHOUSE_USER=$3 CLICKHOUSE_PASSWORD=$4 INGEST_URL_POLICY_ALLOW=${INGEST_URL_POLICY_ALLOW:-127.0.0.1:$SAMPLE_PORT} \
    MICRONAUT_SERVER_HOST=${SERVICE_HOST:-127.0.0.1} MICRONAUT_SERVER_PORT=$2 PATH="$JAVA_HOME/bin:$PATH" \
    nohup deploy/docker/entrypoint.sh "$STATE/$1.jar" > "$STATE/$1.log" 2>&1 &   # the images' own start command
  echo $! > "$STATE/$1.pid"
}
start_service ingest-service 8081 "$INGEST_USER" "$CLICKHOUSE_INGEST_PASSWORD"
LOGIN_USERS_FILE=$STATE/login-users.txt start_service query-service 8082 "$QUERY_USER" "$CLICKHOUSE_QUERY_PASSWORD"
wait_for http://127.0.0.1:8081/health 60 "ingest-service (log: $STATE/ingest-service.log)"
wait_for http://127.0.0.1:8082/health 60 "query-service (log: $STATE/query-service.log)"

# 4. The gateway
install_nginx
stop_pid gateway
rm -f "$STATE/gateway/http.sock"   # left behind by a gateway that was killed, not stopped: nginx would not bind it
deploy/gateway/render.sh "$STATE/gateway" "$GATEWAY_PORT" 127.0.0.1:8081 127.0.0.1:8082
nohup "$(nginx_binary)" -e "$STATE/gateway/error.log" -c "$STATE/gateway/nginx.conf" -g 'daemon off;' > "$STATE/gateway.log" 2>&1 &
echo $! > "$STATE/gateway.pid"
wait_for "http://127.0.0.1:$GATEWAY_PORT/health" 20 "gateway (log: $STATE/gateway/error.log)"

# 5. The bundled sample, served over HTTP like a public link
stop_pid sample-server
nohup "$JAVA_HOME/bin/jwebserver" -b 127.0.0.1 -p "$SAMPLE_PORT" -d "$ROOT/shared-model/src/test/resources/data" \
  > "$STATE/sample-server.log" 2>&1 &
echo $! > "$STATE/sample-server.pid"
wait_for "http://127.0.0.1:$SAMPLE_PORT/sample_game_data.csv" 20 "sample file server"

cat <<MSG

Running behind the gateway at http://localhost:$GATEWAY_PORT. Logs, pids and secrets.env in $STATE;
stop everything with: deploy/local/run.sh stop

Web UI: open http://localhost:$GATEWAY_PORT/ and sign in as  admin  with the password in
  $STATE/ui-admin-password.txt (owner-only; the users file is $STATE/login-users.txt; add people with AddLoginUser)
  The gateway listens on ${GATEWAY_BIND:-127.0.0.1} only; GATEWAY_BIND=0.0.0.0 opens it to the network on purpose.

Get a token (admin may ingest and query; analyst only queries, ingest only ingests):
  TOKEN=\$(deploy/local/token.sh --sub alice --roles admin --ttl 8h)
Ingest the bundled sample (100 games):
  curl -s -X POST localhost:$GATEWAY_PORT/api/v1/ingestions -H "Authorization: Bearer \$TOKEN" \\
       -H 'Content-Type: application/json' -d '{"url": "http://127.0.0.1:$SAMPLE_PORT/sample_game_data.csv"}'
Watch it:
  curl -s localhost:$GATEWAY_PORT/api/v1/ingestions -H "Authorization: Bearer \$TOKEN"
Query it:
  curl -s 'localhost:$GATEWAY_PORT/api/v1/games?name=galactic&limit=5' -H "Authorization: Bearer \$TOKEN"
MSG
