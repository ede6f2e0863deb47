#!/usr/bin/env bash
# Mints a token for the local stack with the operators' tool in the service jar and the stack's secret.
# usage: deploy/local/token.sh --sub alice --roles analyst [--ttl 30d]
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/lib.sh
find_jdk >/dev/null 2>&1 || find_jdk
[ -f deploy/local/.state/secrets.env ] || die "no deploy/local/.state/secrets.env yet: start the stack with deploy/local/run.sh"
[ -f query-service/target/query-service.jar ] || die "query-service/target/query-service.jar is missing: run deploy/local/run.sh"
set -a; . deploy/local/.state/secrets.env; set +a
exec "$JAVA_HOME/bin/java" -cp query-service/target/query-service.jar games.analytics.security.MintToken "$@"
