#!/bin/sh
# The services' one start command, in images and wherever else: java with the profile's flags, then the jar.
# JAVA_OPTS wins; else PROFILE=small takes the small-machine flags, anything else the default ones.
set -eu
jar=${1:-/app/service.jar}
if [ -z "${JAVA_OPTS:-}" ]; then
  case "${PROFILE:-default}" in
    small) JAVA_OPTS="-Xmx160m -Xss512k -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
      # ClickHouse holds a whole insert batch in memory while it writes its parts: small batches, one at a time
      export INGEST_BATCH_BYTES="${INGEST_BATCH_BYTES:-33554432}" INGEST_INSERT_THREADS="${INGEST_INSERT_THREADS:-1}"
      # the small ClickHouse runs 16 queries at once: 6 pooled connections per service stay under it
      export CLICKHOUSE_MAX_CONNECTIONS="${CLICKHOUSE_MAX_CONNECTIONS:-6}" ;;
    # what every test and benchmark runs with; G1's adaptive marking threshold started a marking cycle every ~0.1 s
    # of an ingestion although the old generation stayed flat (~30 MiB): the fixed 45% threshold starts none
    *) JAVA_OPTS="-Xmx256m -XX:-G1UseAdaptiveIHOP" ;;
  esac
fi
# native access: lz4 (client-v2) loads a native library; newer JVMs warn on stderr without this
# shellcheck disable=SC2086  # the options are words
exec java --enable-native-access=ALL-UNNAMED $JAVA_OPTS -jar "$jar"
