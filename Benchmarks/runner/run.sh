#!/usr/bin/env bash
# The runner benchmark (issue 10), in one run: nginx (Debian's nginx-light, one worker) answering 200 on loopback over
# HTTP and HTTPS (a throwaway CA); wrk's POST rate against it (1.5 KB bodies, 64 connections, one thread); then, for
# HTTP and for HTTPS, `hookctl run` delivering to 4 signed webhooks with the 30-line body.hbs against the same nginx:
#
#   throughput   events posted to the intake in batches (POST /v1/events/batch), each fanning out to the 4 webhooks;
#                deliveries per second until every attempt is committed in the SQLite history, and the ratio to wrk
#   latency      one event per request at a fixed 200 events/s (open loop); p50/p99 intake-to-delivered: from
#                sending each event to the intake to each of its deliveries' arrival in nginx's access log ($msec of a
#                log-enabled location, matched by webhook-id); also from the client reading the 202
#   drain        100,000 deliveries queued with the runner stopped (`hookctl emit` of batch files), then the time
#                for a fresh runner to empty the queue, with its RSS sampled every 0.5 s
#   memory       each runner's peak (VmHWM from /proc/PID/status)
#   scaling      deliveries per second with one and with two runners sharing one PostgreSQL store (scaling.sh)
#
# Targets: at least 25% of wrk's rate, p99 under 50 ms at 200 events/s, peak memory under 150 MiB, flat memory while
# draining. It installs nothing (it says what is missing) and stops nginx and every runner it started, by pid.
#
#   Benchmarks/runner/run.sh
#   HOOKCTL_BIN=path/to/hookctl EVENTS=10000 BACKLOG=40000 Benchmarks/runner/run.sh    # a shorter run
#   Environment: HOOKCTL_BIN (skip the release build), EVENTS (throughput events, default 25,000 = 100,000
#   deliveries), BACKLOG (drain deliveries, default 100,000), RATE (default 200), LATENCY_SECONDS (default 20),
#   WRK_SECONDS (default 10), RUNNER_FLAGS (extra `hookctl run` flags), PROTOCOLS ("http https"), BENCH_WORK (the
#   scratch folder; default a new one under /tmp, removed at the end unless KEEP=1), HTTP_PORT, HTTPS_PORT,
#   INTAKE_PORT (defaults 18480, 18443, 18490; loopback only).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=Benchmarks/runner

missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
command -v openssl >/dev/null || missing+=(openssl)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
    echo "error: the runner benchmark needs ${missing[*]}; on Debian: apt-get install ${missing[*]}" >&2
    exit 1
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

events="${EVENTS:-25000}"
backlog="${BACKLOG:-100000}"
rate="${RATE:-200}"
latency_seconds="${LATENCY_SECONDS:-20}"
wrk_seconds="${WRK_SECONDS:-10}"
protocols="${PROTOCOLS:-http https}"
http_port="${HTTP_PORT:-18480}"
https_port="${HTTPS_PORT:-18443}"
intake_port="${INTAKE_PORT:-18490}"
webhooks=4
names="bench-1,bench-2,bench-3,bench-4"
if [ $((backlog % webhooks)) -ne 0 ]; then
    echo "error: BACKLOG must be a multiple of $webhooks (each event fans out to $webhooks webhooks)" >&2
    exit 1
fi
for port in "$http_port" "$https_port" "$intake_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "error: 127.0.0.1:$port is in use; choose other ports (HTTP_PORT, HTTPS_PORT, INTAKE_PORT)" >&2
        exit 1
    fi
done

bin="${HOOKCTL_BIN:-}"
if [ -z "$bin" ]; then
    echo "== building hookctl (release)"
    swift build -c release --product hookctl 2>&1 | grep -E "error|Build of product" || true
    bin="$(swift build -c release --show-bin-path)/hookctl"
fi
[ -x "$bin" ] || { echo "error: no hookctl at $bin" >&2; exit 1; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

work="${BENCH_WORK:-$(mktemp -d /tmp/hookctl-runner-bench.XXXXXX)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
if [ "$(stat -f -c %T "$work")" = tmpfs ]; then
    echo "warning: $work is on tmpfs: fsync costs nothing there, so the durable-record figures flatter hookctl" >&2
fi

nginx_pid=
runner_pid=
stop_runner() {
    if [ -n "$runner_pid" ]; then
        kill -TERM "$runner_pid" 2>/dev/null || true
        for _ in $(seq 1 150); do kill -0 "$runner_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$runner_pid" 2>/dev/null || true
        wait "$runner_pid" 2>/dev/null || true
        runner_pid=
    fi
}
cleanup() {
    stop_runner
    if [ -n "$nginx_pid" ]; then
        kill -TERM "$nginx_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
    if [ "${KEEP:-0}" = 1 ] || [ -n "${BENCH_WORK:-}" ]; then
        echo "(scratch files kept in $work)"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== machine"
echo "cores: $(nproc); cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1); memory: $(free -g | awk '/^Mem:/ {print $2}') GiB"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (the machine may be shared; compare ratios within one run)"
echo "hookctl: $bin ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "nginx: $("$nginx_bin" -v 2>&1 | sed 's/^nginx version: //'); wrk: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); scratch: $work"

echo "== a throwaway CA and a certificate for 127.0.0.1"
mkdir -p "$work/pki"
(
    cd "$work/pki"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 2 \
        -subj "/CN=hookctl benchmark CA" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr \
        -subj "/CN=127.0.0.1" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n' \
        >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext \
        -out server.pem 2>/dev/null
)
ca="$work/pki/ca.pem"

echo "== nginx: one worker on 127.0.0.1:$http_port (HTTP) and 127.0.0.1:$https_port (HTTPS)"
mkdir -p "$work/nginx/conf"
sed -e "s|@WORK@|$work|g" -e "s|@HTTP_PORT@|$http_port|g" -e "s|@HTTPS_PORT@|$https_port|g" \
    "$here/nginx.conf" >"$work/nginx/conf/nginx.conf"
: >"$work/nginx/arrivals.log"
"$nginx_bin" -p "$work/nginx" -c conf/nginx.conf -e "$work/nginx/error.log" &
nginx_pid=$!
for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$https_port") 2>/dev/null && break
    kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx/error.log" >&2; exit 1; }
    sleep 0.1
done
curl_check() { python3 -c "
import http.client, ssl, sys
scheme, port = sys.argv[1], int(sys.argv[2])
if scheme == 'https':
    c = http.client.HTTPSConnection('127.0.0.1', port, context=ssl.create_default_context(cafile=sys.argv[3]))
else:
    c = http.client.HTTPConnection('127.0.0.1', port)
c.request('POST', '/check', body=b'{}', headers={'Content-Type': 'application/json'})
r = c.getresponse(); r.read()
sys.exit(0 if r.status == 200 else 1)" "$1" "$2" "$ca"; }
curl_check http "$http_port" && curl_check https "$https_port" || { echo "error: nginx does not answer 200" >&2; exit 1; }

echo "== wrk: POST of 1.5 KB, 64 connections, 1 thread, ${wrk_seconds} s each"
declare -A wrk_rate
for proto in $protocols; do
    port=$http_port
    [ "$proto" = https ] && port=$https_port
    out="$(wrk -t1 -c64 -d"${wrk_seconds}s" -s "$here/post.lua" "$proto://127.0.0.1:$port/wrk")"
    wrk_rate[$proto]="$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")"
    errors="$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' <<<"$out")"
    echo "$proto: ${wrk_rate[$proto]} requests/s${errors:+ (non-2xx: $errors)}"
done

"$bin" sample --trigger Created >"$work/sample.json"
token="bench-ingest-token-$(openssl rand -hex 16)"
export HOOKCTL_INGEST_TOKEN="$token"
export BENCH_SIGNING_SECRET="whsec_$(openssl rand -base64 32)"
intake="http://127.0.0.1:$intake_port"

# workspace PROTO PATH_PREFIX DIR [STORE]: 4 signed webhooks with body.hbs to nginx, applied to STORE (by default
# DIR/state.db).
workspace() {
    local proto=$1 prefix=$2 dir=$3 store=${4:-$3/state.db} port=$http_port n
    [ "$proto" = https ] && port=$https_port
    mkdir -p "$dir/webhooks.d"
    cp "$here/body.hbs" "$dir/webhooks.d/body.hbs"
    for n in 1 2 3 4; do
        cat >"$dir/webhooks.d/bench-$n.yaml" <<EOF
name: bench-$n
method: POST
url: $proto://127.0.0.1:$port/$prefix/$n
triggers: [Created]
body_file: body.hbs
signing:
  secret: \${env:BENCH_SIGNING_SECRET}
EOF
    done
    (cd "$dir" && "$bin" apply --auto-approve --set bench --store "$store" \
        --allow-target "127.0.0.1:$port" >"$dir/apply.log" 2>&1) || { cat "$dir/apply.log" >&2; exit 1; }
}

# start_runner PROTO DIR: `hookctl run` in the background (its log in DIR/runner.log), until its intake listens.
start_runner() {
    local proto=$1 dir=$2 port=$http_port
    [ "$proto" = https ] && port=$https_port
    # shellcheck disable=SC2086 # RUNNER_FLAGS is a list of flags
    (cd "$dir" && exec "$bin" run --listen "127.0.0.1:$intake_port" --store "$dir/state.db" \
        --allow-target "127.0.0.1:$port" --ca-file "$ca" ${RUNNER_FLAGS:-} 2>"$dir/runner.log") &
    runner_pid=$!
    started_at="$(date +%s.%N)"
    for _ in $(seq 1 300); do
        grep -q "intake listening" "$dir/runner.log" 2>/dev/null && return 0
        kill -0 "$runner_pid" 2>/dev/null || break
        sleep 0.05
    done
    echo "error: the runner did not start:" >&2
    cat "$dir/runner.log" >&2
    exit 1
}

summary=()
for proto in $protocols; do
    echo "== $proto: throughput ($events events × $webhooks webhooks)"
    dir="$work/$proto-throughput"
    workspace "$proto" hook "$dir"
    start_runner "$proto" "$dir"
    out="$(python3 "$here/bench.py" throughput --intake "$intake" --token "$token" --sample "$work/sample.json" \
        --tag "$proto-t" --pid "$runner_pid" --store "$dir/state.db" --events "$events" --webhooks "$webhooks" \
        --wrk-rate "${wrk_rate[$proto]}")" || { echo "$out"; exit 1; }
    echo "$out" | grep -v '^RESULT'
    stop_runner
    summary+=("$proto throughput: $(grep '^RESULT' <<<"$out" | cut -d' ' -f2-)")

    echo "== $proto: latency at $rate events/s for $latency_seconds s"
    dir="$work/$proto-latency"
    workspace "$proto" latency "$dir"
    start_runner "$proto" "$dir"
    out="$(python3 "$here/bench.py" latency --intake "$intake" --token "$token" --sample "$work/sample.json" \
        --tag "$proto-l" --pid "$runner_pid" --names "$names" --arrivals "$work/nginx/arrivals.log" \
        --rate "$rate" --seconds "$latency_seconds")" || { echo "$out"; exit 1; }
    echo "$out" | grep -v '^RESULT'
    stop_runner
    summary+=("$proto latency: $(grep '^RESULT' <<<"$out" | cut -d' ' -f2-)")

    echo "== $proto: drain of $backlog queued deliveries"
    dir="$work/$proto-drain"
    workspace "$proto" hook "$dir"
    python3 "$here/bench.py" batches "$work/sample.json" "$dir/batches" $((backlog / webhooks)) "$proto-d"
    enqueue_start="$(date +%s.%N)"
    for file in "$dir"/batches/*.json; do
        (cd "$dir" && "$bin" emit --store "$dir/state.db" --event "$file" >/dev/null 2>"$dir/emit.log") ||
            { cat "$dir/emit.log" >&2; exit 1; }
    done
    echo "queued with the runner stopped ($(ls "$dir"/batches | wc -l) hookctl emit of a batch file, $(python3 -c "print(f'{$(date +%s.%N) - $enqueue_start:.1f}')") s)"
    start_runner "$proto" "$dir"
    out="$(python3 "$here/bench.py" drain --pid "$runner_pid" --store "$dir/state.db" --started "$started_at" \
        --expected "$backlog")" || { echo "$out"; exit 1; }
    echo "$out" | grep -v '^RESULT'
    stop_runner
    summary+=("$proto drain: $(grep '^RESULT' <<<"$out" | cut -d' ' -f2-)")
done

# Issue 11's scaling stage: one and two runners on PostgreSQL, over HTTP, against the same nginx.
if [[ " $protocols " == *" http "* ]]; then
    # shellcheck source=Benchmarks/runner/scaling.sh
    source "$here/scaling.sh"
fi

echo "== summary (targets: ≥ 25% of wrk, p99 < 50 ms at $rate events/s, peak < 150 MiB, flat memory while draining)"
for proto in $protocols; do echo "$proto wrk: requests_per_second=${wrk_rate[$proto]}"; done
printf '%s\n' "${summary[@]}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
