#!/usr/bin/env bash
# The services on one ClickHouse 18.16 server and on a cluster of two shards (one server each), on this machine, in the
# same run: a seeded generated file (default 1000 MB) served by nginx is ingested RUNS times (default 3) through the
# ingest-service (-Xmx256m, the default profile) into each layout, then an aggregate by genre and a name=war page are
# timed through the query-service. The servers, jars and harness are the system tests' own (ClickHouseCluster,
# ServiceJar). Prints one Markdown table (docs/cluster.md). Stops the local stack first: the servers share the cores.
# Usage: [RUNS=3] bench/cluster-benchmark.sh [megabytes]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
MB=${1:-1000}
FILE=$(generate_csv "$MB" 42)
./deploy/local/run.sh stop >/dev/null 2>&1 || true
[ -f ingest-service/target/ingest-service.jar ] && [ -f query-service/target/query-service.jar ] \
  || ./mvnw -B -q -ntp install -DskipTests
./mvnw -B -q -ntp -pl system-tests test-compile dependency:build-classpath -Dmdep.outputFile="$(pwd)/$OUT/cluster-cp.txt" >/dev/null
serve_files "$(dirname "$FILE")"
cd system-tests   # the harness finds the jars relative to the module, as the tests do
java -cp "target/test-classes:$(cat "../$OUT/cluster-cp.txt")" games.analytics.system.ClusterBenchmark \
  "http://127.0.0.1:8091/$(basename "$FILE")" "${RUNS:-3}"
