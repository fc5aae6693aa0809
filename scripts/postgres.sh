#!/usr/bin/env bash
# A throw-away PostgreSQL server for the `postgres` target: install, start, stop.
#
#   scripts/postgres.sh install   PostgreSQL from Debian's packages, if it is not there (needs root)
#   scripts/postgres.sh start     initdb (as the postgres user when run as root) in $ENGINES_DIR/postgres,
#                                 listen on 127.0.0.1:$POSTGRES_PORT only, create $POSTGRES_USER and
#                                 $POSTGRES_DB with $POSTGRES_PASSWORD
#   scripts/postgres.sh stop      stop the server (fast shutdown) and remove its folder
#
# Settings (the same variables profiles.yml reads): POSTGRES_PORT (55432), POSTGRES_USER (warehouse),
# POSTGRES_PASSWORD (warehouse), POSTGRES_DB (warehouse), ENGINES_DIR ($TMPDIR/warehouse-engines).
set -euo pipefail

PORT=${POSTGRES_PORT:-55432}
USER_NAME=${POSTGRES_USER:-warehouse}
PASSWORD=${POSTGRES_PASSWORD:-warehouse}
DB_NAME=${POSTGRES_DB:-warehouse}
ROOT=${ENGINES_DIR:-${TMPDIR:-/tmp}/warehouse-engines}/postgres
DATA=$ROOT/data

bin_dir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

as_owner() {  # initdb and the server refuse to run as root: use the postgres user then
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
install)
    if bin_dir >/dev/null; then echo "postgres: $(bin_dir) is installed"; exit 0; fi
    [ "$(id -u)" = 0 ] || { echo "postgres: installing needs root (apt-get install postgresql)" >&2; exit 1; }
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    echo "postgres: installed $(bin_dir)"
    ;;
start)
    BIN=$(bin_dir) || { echo "postgres: not installed (run: $0 install)" >&2; exit 1; }
    if [ -f "$DATA/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
        echo "postgres: already running on 127.0.0.1:$PORT"; exit 0
    fi
    rm -rf "$ROOT" && mkdir -p "$ROOT"
    [ "$(id -u)" = 0 ] && chown postgres "$ROOT"
    printf '%s\n' "$PASSWORD" > "$ROOT/pwfile"
    [ "$(id -u)" = 0 ] && chown postgres "$ROOT/pwfile"
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=scram-sha-256 --pwfile="$ROOT/pwfile" -E UTF8 \
        --locale=C.UTF-8 >"$ROOT/initdb.log"
    rm -f "$ROOT/pwfile"
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$ROOT/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $ROOT -c fsync=off -c synchronous_commit=off" start >/dev/null
    export PGPASSWORD=$PASSWORD
    psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<SQL
create role "$USER_NAME" login password '$PASSWORD';
create database "$DB_NAME" owner "$USER_NAME";
SQL
    echo "postgres: running on 127.0.0.1:$PORT (database $DB_NAME, user $USER_NAME, data $DATA)"
    ;;
stop)
    BIN=$(bin_dir) || exit 0
    if [ -d "$DATA" ]; then
        as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$ROOT"
        echo "postgres: stopped"
    fi
    ;;
*)
    echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
