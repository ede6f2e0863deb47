#!/usr/bin/env bash
# Writes a runnable nginx config for the gateway into STATE_DIR (nginx.conf, gateway.stream, gateway.conf).
# usage: render.sh STATE_DIR GATEWAY_PORT INGEST_UPSTREAM QUERY_UPSTREAM   (upstreams as host:port)
# then:  nginx -e STATE_DIR/error.log -c STATE_DIR/nginx.conf
# INGEST_MAX_UPLOAD_BYTES (default 2 GiB) is the largest upload passed on, as the ingest-service takes.
# GATEWAY_BIND (default 127.0.0.1) is the address it listens on: loopback unless opened on purpose (docs/security.md).
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 STATE_DIR GATEWAY_PORT INGEST_UPSTREAM QUERY_UPSTREAM" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
state=$(mkdir -p "$1" && cd "$1" && pwd)
chmod 755 "$state"   # nginx's workers (nobody, when it starts as root) keep the token verdict cache in here
# Debian builds the stream module (the front door, gateway.stream.template) apart: load it where it is separate
nginx=$(command -v nginx || echo /usr/sbin/nginx)
modules=""
if "$nginx" -V 2>&1 | grep -q -- '--with-stream=dynamic'; then
  module=$("$nginx" -V 2>&1 | sed -n 's/.*--modules-path=\([^ ]*\).*/\1/p')/ngx_stream_module.so
  [ -f "$module" ] || { echo "nginx's stream module is missing ($module): apt-get install libnginx-mod-stream" >&2; exit 1; }
  modules="load_module $module;"
fi
fill() {
  sed -e "s#\${GATEWAY_LISTEN}#${GATEWAY_BIND:-127.0.0.1}:$2#g" -e "s#\${GATEWAY_HTTP_SOCKET}#unix:$state/http.sock#g" \
      -e "s#\${LOAD_MODULES}#$modules#g" -e "s#\${STATE_DIR}#$state#g" -e "s#\${AUTH_CACHE_DIR}#$state/auth-cache#g" \
      -e "s#\${INGEST_UPSTREAM}#$3#g" -e "s#\${INGEST_MAX_UPLOAD_BYTES}#${INGEST_MAX_UPLOAD_BYTES:-2147483648}#g" -e "s#\${QUERY_UPSTREAM}#$4#g" "$5"
}
fill "$state" "$2" "$3" "$4" "$here/gateway.stream.template" > "$state/gateway.stream"
fill "$state" "$2" "$3" "$4" "$here/gateway.conf.template" > "$state/gateway.conf"
fill "$state" "$2" "$3" "$4" "$here/nginx-local.conf.template" > "$state/nginx.conf"
