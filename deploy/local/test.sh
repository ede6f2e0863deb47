#!/usr/bin/env bash
# Runs every test against a real ClickHouse and the real nginx gateway. The tests find a ClickHouse
# themselves (CLICKHOUSE_URL, else Testcontainers with Docker, else a clickhouse-server binary they start
# on free ports) and start nginx the same way; this script makes sure the binaries exist, then runs the
# Maven build (and Debian's Chromium with its driver for the web UI tests, pandas for the notebook client test, and chDB,
# a current ClickHouse as a library, for the tests that compare the SQL's answers on 18.16 and on a current release).
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/lib.sh

find_jdk
say "JDK: $JAVA_HOME"
if [ -z "${CLICKHOUSE_URL:-}" ] && ! docker_available; then
  install_clickhouse
  say "ClickHouse for tests: $(clickhouse_binary) (started by the tests on free ports)"
fi
install_nginx
say "nginx for the gateway tests: $(nginx_binary)"
install_chromium
install_deploy_checkers
export PANDAS_PYTHON=$(install_pandas)
say "pandas for the notebook client test: $("$PANDAS_PYTHON" -c 'import pandas; print(pandas.__version__)') ($PANDAS_PYTHON)"
export CHDB_NODE_MODULES=$(install_chdb)
say "current ClickHouse for the version tests: chDB $CHDB_VERSION ($CHDB_NODE_MODULES)"
say "web UI unit tests (node --test, the UI's pure functions): $(node --version)"
node --test query-service/src/test/js/
export CHROMIUM_BINARY=$(chromium_binary) CHROMEDRIVER_BINARY=$(chromedriver_binary)
say "Chromium for the web UI tests: $CHROMIUM_BINARY ($("$CHROMIUM_BINARY" --version 2>/dev/null | head -1))"
exec ./mvnw -B -ntp verify "$@"
