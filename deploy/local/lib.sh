# Shared helpers for run.sh, test.sh and the benchmarks. Source it; it defines functions only.

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# A JDK >= 21: JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm.
find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${c%/}"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$("$c/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$c"; export PATH="$JAVA_HOME/bin:$PATH"; return 0
    fi
  done
  die "no JDK >= 21 found (looked at JAVA_HOME and /usr/lib/jvm/*). Install one, e.g. apt-get install -y openjdk-21-jdk-headless or Temurin 21/25, and set JAVA_HOME."
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

docker_available() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

# binary NAME: the path of a server binary on the PATH or in Debian's sbin/bin.
binary() {
  local b
  for b in "$(command -v "$1" 2>/dev/null)" "/usr/sbin/$1" "/usr/bin/$1"; do
    [ -n "$b" ] && [ -x "$b" ] && { echo "$b"; return 0; }
  done
  return 1
}

# apt_install PACKAGE BINARY WHY: installs Debian's PACKAGE unless BINARY is already there.
apt_install() {
  binary "$2" >/dev/null && return 0
  command -v apt-get >/dev/null || die "$2 is not installed and apt-get is not available: $3"
  say "installing $1 with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null || die "apt-get install $1 failed"
  binary "$2" >/dev/null || die "$2 still not found after installing $1"
}

clickhouse_binary() { binary clickhouse-server; }
nginx_binary() { binary nginx; }

# Debian's clickhouse-server package (18.16 on Debian 12), when no Docker engine can run the current image.
install_clickhouse() { apt_install clickhouse-server clickhouse-server "install ClickHouse or set CLICKHOUSE_URL"; }

# Debian's nginx, for the gateway (run as a plain process, never as the system service).
# Debian ships the stream module (the gateway's front door) as a package of its own.
install_nginx() {
  apt_install nginx nginx "install nginx (the gateway)"
  if [ ! -f /usr/lib/nginx/modules/ngx_stream_module.so ] && nginx -V 2>&1 | grep -q -- '--with-stream=dynamic'; then
    say "installing libnginx-mod-stream with apt-get"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libnginx-mod-stream >/dev/null || die "apt-get install libnginx-mod-stream failed"
  fi
}

# Debian's Chromium and its driver, for the web UI tests (headless, driven by Selenium).
install_chromium() {
  apt_install chromium chromium "install chromium (the web UI tests)"
  apt_install chromium-driver chromedriver "install chromium-driver (the web UI tests)"
}
chromium_binary() { binary chromium; }

# A current ClickHouse for the tests that compare versions (VersionParityTest): chDB, ClickHouse as a library, from
# the npm registry (~170 MB once; pinned), run by Node. Prints the node_modules directory to set as CHDB_NODE_MODULES.
CHDB_VERSION=3.4.0   # ClickHouse 26.7
install_chdb() {
  local home=${CHDB_HOME:-$HOME/.cache/games-analytics/chdb}
  apt_install nodejs node "install nodejs (chDB, the current ClickHouse of the version tests)"
  if [ "$(node -p "require('$home/node_modules/chdb/package.json').version" 2>/dev/null)" != "$CHDB_VERSION" ]; then
    command -v npm >/dev/null || apt_install npm npm "install npm (to fetch chDB)"
    say "installing chdb $CHDB_VERSION from the npm registry into $home"
    mkdir -p "$home"
    (cd "$home" && npm install --no-save --no-audit --no-fund --loglevel=error "chdb@$CHDB_VERSION" >/dev/null) || die "npm install chdb failed"
  fi
  echo "$home/node_modules"
}

# Debian's caddy, cloud-init and docker-compose: the deployment checks validate with the real tools.
install_deploy_checkers() {
  apt_install caddy caddy "install caddy (the deployment checks)"
  apt_install cloud-init cloud-init "install cloud-init (the deployment checks)"
  apt_install docker-compose docker-compose "install docker-compose (the deployment checks)"
}
chromedriver_binary() { binary chromedriver; }

# Debian's pandas, for the test that uses the API as a notebook does (PandasClientIT). Debian's own python3: another
# python3 earlier on the PATH (pyenv, a virtualenv) would not see the package. Prints that interpreter.
install_pandas() {
  local python=/usr/bin/python3
  if ! "$python" -c 'import pandas' 2>/dev/null; then
    command -v apt-get >/dev/null || die "pandas is not installed and apt-get is not available: install python3-pandas"
    say "installing python3-pandas with apt-get"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pandas >/dev/null || die "apt-get install python3-pandas failed"
    "$python" -c 'import pandas' || die "pandas still not importable by $python after installing python3-pandas"
  fi
  echo "$python"
}

random_secret() { od -An -tx1 -N32 /dev/urandom | tr -d ' \n'; }

# http_ok URL: true when URL answers 2xx.
http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

# wait_for URL SECONDS WHAT
wait_for() {
  local url=$1 seconds=$2 what=$3 i
  for ((i = 0; i < seconds * 5; i++)); do http_ok "$url" && return 0; sleep 0.2; done
  die "$what did not answer at $url within ${seconds}s"
}
