#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite: install, initialise, start, print the URL.
#
#   scripts/postgres.sh [start] [DIR]   print postgresql://... of a server whose cluster lives in DIR
#   scripts/postgres.sh stop [DIR]      stop it (the files stay in DIR until you remove them)
#
# DIR defaults to ${TMPDIR:-/tmp}/newsgraph-pg. The server listens on 127.0.0.1 only, on the port
# in $NEWSGRAPH_PG_PORT or the first free one from 54329, trusts local connections (it holds test
# data only) and has a database `newsgraph_test`. As root, the Debian package `postgresql` is
# installed with apt-get when no server binaries are found, and the server runs as user postgres
# (PostgreSQL refuses to run as root). Logs go to DIR/server.log; progress to standard error.
# Starting twice with the same DIR reuses the running server.
set -euo pipefail

cmd=start
case "${1:-}" in start | stop) cmd=$1; shift ;; esac
dir=${1:-${TMPDIR:-/tmp}/newsgraph-pg}
db=newsgraph_test

say() { echo "postgres.sh: $*" >&2; }

find_bin() {
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return
    fi
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$found" ] && [ -x "$found/pg_ctl" ]; then
        echo "$found"
    fi
}

bin=$(find_bin)
if [ -z "$bin" ]; then
    if [ "$cmd" = stop ]; then exit 0; fi
    if [ "$(id -u)" != 0 ]; then
        say "no PostgreSQL server binaries found; install the postgresql package (as root: apt-get install postgresql)"
        exit 1
    fi
    say "installing the postgresql package with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql postgresql-client >&2
    bin=$(find_bin)
    [ -n "$bin" ] || { say "postgresql installed but pg_ctl not found"; exit 1; }
fi

# as root, run the server tools as the unprivileged postgres user
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        if ! id postgres >/dev/null 2>&1; then
            useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
        fi
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

data="$dir/data"
if [ "$cmd" = stop ]; then
    if [ -f "$data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >&2
    fi
    exit 0
fi

mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir" 2>/dev/null || { id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres; chown postgres: "$dir"; }; fi

port_of_running() {
    # postmaster.pid: pid, data directory, start time, port, ...
    sed -n '4p' "$data/postmaster.pid" 2>/dev/null
}

if [ -f "$data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    port=$(port_of_running)
    say "reusing the server running in $data on port $port"
else
    if [ ! -f "$data/PG_VERSION" ]; then
        say "initialising a cluster in $data"
        as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    port=${NEWSGRAPH_PG_PORT:-}
    if [ -z "$port" ]; then
        port=54329
        while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    fi
    say "starting the server on 127.0.0.1:$port"
    as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >&2 || { tail -n 20 "$dir/server.log" >&2; exit 1; }
fi

psql_bin="$bin/psql"
[ -x "$psql_bin" ] || psql_bin=$(command -v psql)
if ! "$psql_bin" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    "$psql_bin" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE $db" >&2
fi
echo "postgresql://postgres@127.0.0.1:$port/$db"
