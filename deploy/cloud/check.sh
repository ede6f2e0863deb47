#!/usr/bin/env bash
# Checks what can be checked of the deployment without a cloud or a Docker engine, with the real tools:
#   the compose file (Debian's docker-compose parses and interpolates it, default and small profile, with HTTPS),
#   the Caddyfile (caddy validate), the cloud-init user-data (cloud-init schema), and the user-data's setup
#   script, run twice in a scratch directory with docker and the network stubbed.
# Prints "deployment checks passed" and exits 0, or says what failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

# 1. compose: parses and interpolates; every secret is required
secrets=(JWT_SECRET=j CLICKHOUSE_ADMIN_PASSWORD=a CLICKHOUSE_QUERY_PASSWORD=q CLICKHOUSE_INGEST_PASSWORD=i SITE_ADDRESS=games.example.org)
env "${secrets[@]}" docker-compose -f docker-compose.yml config -q || fail "docker-compose.yml (default)"
env "${secrets[@]}" docker-compose -f docker-compose.yml --env-file deploy/profiles/small.env --profile https config > "$scratch/small.yml" \
  || fail "docker-compose.yml (small, https)"
grep -q 'PROFILE: small' "$scratch/small.yml" || fail "the small profile does not reach the services"
grep -q 'zz-profile.xml' "$scratch/small.yml" && grep -q 'small.xml' "$scratch/small.yml" || fail "the small ClickHouse settings are not mounted"
grep -q 'caddy' "$scratch/small.yml" || fail "the https profile has no Caddy"
grep -q '127.0.0.1:8080:8080' "$scratch/small.yml" || fail "plain HTTP is published beyond the host's loopback by default"
if env JWT_SECRET=j docker-compose -f docker-compose.yml config -q 2>/dev/null; then fail "compose starts without its secrets"; fi
# the cluster profile: four servers of two shards with Keeper, the cluster named to both services, every server listed
env "${secrets[@]}" docker-compose -f docker-compose.yml --env-file deploy/profiles/cluster.env --profile cluster config > "$scratch/cluster.yml" \
  || fail "docker-compose.yml (cluster)"
for server in clickhouse-s1r2 clickhouse-s2r1 clickhouse-s2r2 keeper; do
  grep -q "^  $server:" "$scratch/cluster.yml" || fail "the cluster profile has no $server"
done
[ "$(grep -c 'CLICKHOUSE_CLUSTER: games' "$scratch/cluster.yml")" = 2 ] || fail "the cluster is not named to both services"
[ "$(grep -c 'cluster/games.xml:/etc/clickhouse-server/config.d/cluster.xml' "$scratch/cluster.yml")" = 4 ] \
  || fail "not every server of the cluster profile reads deploy/clickhouse/cluster/games.xml"
for host in $(sed -n 's|.*<host>\([a-z0-9-]*\)</host><port>9000</port>.*|\1|p' deploy/clickhouse/cluster/games.xml); do
  grep -q "CLICKHOUSE_CLUSTER_NODES: .*http://$host:8123" "$scratch/cluster.yml" || fail "$host of the cluster is not in CLICKHOUSE_CLUSTER_NODES"
done
python3 -c 'import sys, xml.dom.minidom as m; [m.parse(f) for f in sys.argv[1:]]' deploy/clickhouse/cluster/*.xml || fail "the cluster XML"

# 2. Caddy and cloud-init, by their own validators
SITE_ADDRESS=games.example.org caddy validate --config deploy/cloud/Caddyfile --adapter caddyfile > "$scratch/caddy.log" 2>&1 \
  || { cat "$scratch/caddy.log"; fail "Caddyfile"; }
cloud-init schema --config-file deploy/cloud/user-data.yaml || fail "user-data.yaml (cloud-init schema)"

# 3. the setup script of the user-data, with stubs: curl serves this repository as the release and a public IP;
#    docker records what it is asked and answers AddLoginUser with a users-file line
python3 - "$repo/deploy/cloud/user-data.yaml" "$scratch/setup.sh" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
script = next(f["content"] for f in doc["write_files"] if f["path"] == "/usr/local/sbin/games-analytics-setup")
settings = next(f["content"] for f in doc["write_files"] if f["path"] == "/etc/games-analytics/settings.env")
open(sys.argv[2], "w").write(script)
open(sys.argv[2] + ".settings", "w").write(settings)
PY
mkdir -p "$scratch/bin" "$scratch/etc" "$scratch/root"
cp "$scratch/setup.sh.settings" "$scratch/etc/settings.env"
# the release as GitHub would pack it: the repository's files (as in this working tree) under one top folder
(cd "$repo" && git ls-files -z --cached --others --exclude-standard \
  | tar --null -T - --transform 's,^,games-analytics-main/,' -czf "$scratch/release.tar.gz")
cat > "$scratch/bin/curl" <<STUB
#!/bin/sh
case "\$*" in
  *codeload.github.com*) out=""; while [ \$# -gt 0 ]; do [ "\$1" = -o ] && out=\$2; shift; done; cp "$scratch/release.tar.gz" "\$out" ;;
  *checkip*) echo 203.0.113.7 ;;
  *) echo "unexpected curl \$*" >&2; exit 1 ;;
esac
STUB
cat > "$scratch/bin/docker" <<STUB
#!/bin/sh
echo "docker \$*" >> "$scratch/docker.calls"
case "\$*" in *AddLoginUser*) cat > /dev/null; echo 'admin:admin:pbkdf2-sha256\$600000\$c2FsdA\$aGFzaA' ;; esac
STUB
chmod +x "$scratch/bin/curl" "$scratch/bin/docker"
run() { PATH="$scratch/bin:$PATH" GAMES_ROOT="$scratch/root" GAMES_ETC="$scratch/etc" sh "$scratch/setup.sh" > "$scratch/setup.out" 2>&1 \
  || { cat "$scratch/setup.out"; fail "the setup script"; }; }
refused() { # what the refusal must say; nothing may have been fetched or started
  if PATH="$scratch/bin:$PATH" GAMES_ROOT="$scratch/root" GAMES_ETC="$scratch/etc" sh "$scratch/setup.sh" > "$scratch/setup.out" 2>&1; then
    fail "the setup ran with settings it must refuse: $(cat "$scratch/etc/settings.env")"
  fi
  grep -q "$1" "$scratch/setup.out" || fail "the refusal does not say '$1': $(cat "$scratch/setup.out")"
  [ ! -e "$scratch/docker.calls" ] && [ ! -d "$scratch/root/app" ] || fail "a refused setup fetched or started something"
}
setting() { sed -i "s|^$1=.*|$1=$2|" "$scratch/etc/settings.env"; }
# as shipped, the user-data names no repository, release or checksum: it refuses to fetch anything
refused "GAMES_REPO must name the repository"
setting GAMES_REPO example-owner/games-analytics
refused "GAMES_RELEASE must be a release tag"
setting GAMES_RELEASE main
refused "not a branch"
setting GAMES_RELEASE v1.0.0
refused "GAMES_SHA256 must be"
setting GAMES_SHA256 "$(printf 'another archive' | sha256sum | cut -d' ' -f1)"
refused "does not have the SHA-256"
setting GAMES_SHA256 "$(sha256sum "$scratch/release.tar.gz" | cut -d' ' -f1)"
run
[ "$(stat -c %a "$scratch/etc/secrets.env")" = 600 ] || fail "secrets.env is not mode 600"
for key in JWT_SECRET CLICKHOUSE_ADMIN_PASSWORD CLICKHOUSE_QUERY_PASSWORD CLICKHOUSE_INGEST_PASSWORD UI_ADMIN_PASSWORD; do
  grep -Eq "^$key=[0-9a-f]{24,}$" "$scratch/etc/secrets.env" || fail "secret $key missing or weak"
done
grep -q '^https://203-0-113-7.sslip.io/  user admin  password ' "$scratch/etc/ready.txt" || fail "ready.txt: $(cat "$scratch/etc/ready.txt")"
grep -q '^admin:admin:' "$scratch/etc/login-users.txt" || fail "no admin login"
[ "$(stat -c %a:%u "$scratch/etc/login-users.txt")" = 600:10001 ] || fail "login-users.txt is not mode 600 for the image's user"
grep -q 'docker compose --env-file deploy/profiles/small.env --profile https up --detach' "$scratch/docker.calls" || fail "the stack was not started: $(cat "$scratch/docker.calls")"
[ -f "$scratch/root/app/docker-compose.yml" ] || fail "the release was not unpacked"
before=$(cat "$scratch/etc/secrets.env")
run   # again: secrets and logins are kept
[ "$before" = "$(cat "$scratch/etc/secrets.env")" ] || fail "a second run changed the secrets"
[ "$(grep -c AddLoginUser "$scratch/docker.calls")" = 1 ] || fail "a second run wrote the admin login again"
echo "deployment checks passed"
