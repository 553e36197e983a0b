# The scaling stage of the runner benchmark (issue 11), sourced by run.sh after its SQLite stages, in the same run
# and against the same nginx: deliveries per second with one and with two `hookctl run` processes sharing one
# PostgreSQL store, beside the SQLite figure. A throwaway cluster (Scripts/postgres.sh, fsync on and
# synchronous_commit on, so every attempt is as durable as SQLite's) on 127.0.0.1:$PG_PORT (default 18432) is
# started and stopped here. Each runner posts to its own intake; the posters take turns over them.
#   Environment: SCALING_EVENTS (default 10,000 events = 40,000 deliveries), SCALING_RUNNERS ("1 2"), PG_PORT;
#   SCALING=0 skips the stage.

scaling_events="${SCALING_EVENTS:-10000}"
scaling_runners="${SCALING_RUNNERS:-1 2}"
pg_port="${PG_PORT:-18432}"
# Outside the scratch folder: that one is private to its user, and the cluster runs as `postgres` when root.
pg_dir="/tmp/hookctl-bench-postgres-$$"
psql_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)/psql"
scaling_pids=()

stop_scaling_runners() {
    for pid in "${scaling_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${scaling_pids[@]}"; do
        for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    scaling_pids=()
}
stop_postgres() {
    stop_scaling_runners
    HOOKCTL_PG_DIR="$pg_dir" HOOKCTL_PG_PORT="$pg_port" bash Scripts/postgres.sh stop >/dev/null 2>&1 || true
}

if [ "${SCALING:-1}" != 0 ]; then
    if [ ! -x "$psql_bin" ]; then
        echo "error: the scaling stage needs PostgreSQL; on Debian: apt-get install postgresql (or SCALING=0)" >&2
        exit 1
    fi
    echo "== scaling: $scaling_events events × $webhooks webhooks over HTTP, runners sharing one PostgreSQL store"
    trap 'stop_postgres; cleanup' EXIT
    HOOKCTL_PG_DIR="$pg_dir" HOOKCTL_PG_PORT="$pg_port" HOOKCTL_PG_FSYNC=on bash Scripts/postgres.sh start >/dev/null
    export HOOKCTL_STORE_KEY="$(openssl rand -base64 32)"
    echo "PostgreSQL: $("$psql_bin" -V | cut -d' ' -f3) on 127.0.0.1:$pg_port, fsync on, synchronous_commit on"
    for n in $scaling_runners; do
        "$psql_bin" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "CREATE DATABASE bench_$n"
        url="postgres://postgres@127.0.0.1:$pg_port/bench_$n?sslmode=disable"
        dir="$work/scaling-$n"
        workspace http hook "$dir" "$url"
        intakes=()
        for i in $(seq 1 "$n"); do
            port=$((intake_port + 10 + i))
            # shellcheck disable=SC2086 # RUNNER_FLAGS is a list of flags
            (cd "$dir" && exec "$bin" run --listen "127.0.0.1:$port" --store "$url" --no-console \
                --allow-target "127.0.0.1:$http_port" ${RUNNER_FLAGS:-} 2>"$dir/runner-$i.log") &
            scaling_pids+=($!)
            intakes+=("http://127.0.0.1:$port")
        done
        for i in $(seq 1 "$n"); do
            for _ in $(seq 1 300); do
                grep -q "intake listening" "$dir/runner-$i.log" 2>/dev/null && break
                sleep 0.05
            done
            grep -q "intake listening" "$dir/runner-$i.log" || { cat "$dir/runner-$i.log" >&2; exit 1; }
        done
        out="$(python3 "$here/bench.py" throughput --intake "$(IFS=,; echo "${intakes[*]}")" --token "$token" \
            --sample "$work/sample.json" --tag "pg-$n" --pid "${scaling_pids[0]}" --store "$url" \
            --events "$scaling_events" --webhooks "$webhooks" --connections $((2 * n)) \
            --wrk-rate "${wrk_rate[http]}")" || { echo "$out"; exit 1; }
        echo "$out" | grep -v '^RESULT' | sed "s/^/$n runner(s): /"
        stop_scaling_runners
        summary+=("postgresql, $n runner(s), http throughput: $(grep '^RESULT' <<<"$out" | cut -d' ' -f2-)")
    done
    stop_postgres
    trap cleanup EXIT
fi
