#!/usr/bin/env bash
# Substring search on a current ClickHouse, with and without the skip indexes current releases offer (#14 asked; 18.16,
# which the tests run on, has none): the local stack's current table is exported as TSV and loaded into chDB, ClickHouse
# as a library from the npm registry (no server, no Docker), into a copy without an index, copies with an ngrambf_v1
# index on lowerUTF8(name) and on lowerUTF8(about_game), and one with a text index (ngrams of lowerUTF8(name)); each
# needle is then counted and paged (the service's page query) on each. Prints one Markdown table (docs/data-layout.md).
# chDB runs in-process, so the times are ClickHouse's own work without HTTP: compare rows with each other, not with
# the load benchmark's. Downloads ~170 MB once into bench/out/chdb (chdb 3.4.0, ClickHouse 26.7; Apache-2.0).
# Usage: bench/substring-index.sh [needle ...]   (default: war galactic zqxj: common, rarer, no match)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
DIR=$PWD/bench/out/chdb
if [ ! -f "$DIR/node_modules/chdb/package.json" ]; then
  say "installing chdb 3.4.0 (ClickHouse 26.7 as a library) from the npm registry into $DIR"
  mkdir -p "$DIR" && (cd "$DIR" && npm install --no-save --no-audit --no-fund --loglevel=error chdb@3.4.0 >/dev/null)
fi
stack_access analyst
T=games.$(current_table)
say "exporting $T"
ch "SELECT * FROM $T FORMAT TabSeparated" > "$DIR/games.tsv"
COLUMNS=$(ch "DESCRIBE TABLE $T FORMAT TabSeparated" | awk -F'\t' '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}')
[ $# -gt 0 ] || set -- war galactic zqxj
NODE_PATH=$DIR/node_modules node bench/substring-index.js "$DIR" "$COLUMNS" "$@"
