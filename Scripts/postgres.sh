#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on a loopback port, run by an unprivileged user; nothing in /etc or
# /var/lib is touched.
#
#   eval "$(bash Scripts/postgres.sh start)"   # starts it and prints: export HOOKCTL_TEST_POSTGRES_URL=…
#   bash Scripts/postgres.sh restart           # restarts it (the outage tests run this under a live runner);
#                                              # HOOKCTL_PG_DOWN_SECONDS=N keeps it down N seconds in between
#   bash Scripts/postgres.sh stop              # stops it (pg_ctl -m fast) and removes its folder
#
# Needs Debian's postgresql package (its binaries in /usr/lib/postgresql/VERSION/bin). As root, the cluster runs as
# the `postgres` user the package creates.
set -euo pipefail

dir=${HOOKCTL_PG_DIR:-/tmp/hookctl-test-postgres}
port=${HOOKCTL_PG_PORT:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || {
    echo "error: no PostgreSQL server found (Debian/Ubuntu: apt-get install postgresql)" >&2
    exit 1
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# fsync off: a test cluster trades durability for speed (the store's own durability is SQLite's and the server's
# business in production, not what these tests measure). The benchmark sets HOOKCTL_PG_FSYNC=on.
server_options="-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${HOOKCTL_PG_FSYNC:-off} -c max_connections=300"

case "${1:-}" in
start)
    if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        echo "export HOOKCTL_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/postgres HOOKCTL_PG_DIR=$dir"
        exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$server_options" start >&2
    echo "export HOOKCTL_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/postgres HOOKCTL_PG_DIR=$dir"
    ;;
restart)
    if [ -n "${HOOKCTL_PG_DOWN_SECONDS:-}" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2
        sleep "$HOOKCTL_PG_DOWN_SECONDS"
        as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$server_options" start >&2
    else
        as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w restart >&2
    fi
    ;;
stop)
    if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true; fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: bash Scripts/postgres.sh start|restart|stop" >&2
    exit 2
    ;;
esac
