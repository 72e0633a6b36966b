#!/usr/bin/env bash
# Prints the URL of a PostgreSQL server the tests may create databases on.
# Order: $TEST_DATABASE_URL; the machine's server on 127.0.0.1:5432; else a
# throwaway cluster started here (Debian's postgresql package, installed by
# scripts/install_system_deps.sh). Prints nothing if none can be had; the test
# suite then fails under CI=true and skips the PostgreSQL half otherwise.
set -uo pipefail

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "$TEST_DATABASE_URL"
  exit 0
fi

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "postgresql://postgres@127.0.0.1:5432/postgres"
  exit 0
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  echo "ensure_postgres: no PostgreSQL binaries found" >&2
  exit 0
fi

port=55432
dir=/tmp/tripartite-pg
if ! pg_isready -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  rm -rf "$dir"
  mkdir -p "$dir"
  chown postgres:postgres "$dir" 2>/dev/null || true
  run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  run "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust >"$dir/initdb.log" 2>&1 || {
    echo "ensure_postgres: initdb failed, see $dir/initdb.log" >&2; exit 0; }
  run "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
    -o "-h 127.0.0.1 -p $port -k $dir" -w start >/dev/null 2>&1 || {
    echo "ensure_postgres: server did not start, see $dir/server.log" >&2; exit 0; }
fi
echo "postgresql://postgres@127.0.0.1:$port/postgres"
