#!/usr/bin/env bash
# The console benchmark: 1,000 webhooks applied from generated declarations, 1,000,000 invocations seeded into the
# SQLite store through its own schema (indexes and rollup triggers), then `hookctl console` on loopback timed with
# keep-alive GETs of the webhooks page and the history page (first page, a deep keyset page, each filter).
#
# Usage: bash Benchmarks/console/run.sh [REPETITIONS] [INVOCATIONS]   (defaults 200 and 1000000)
# Builds hookctl in release mode (HOOKCTL_BENCH_BINARY=PATH times that binary instead); the store is kept in
# .build/console-bench for a rerun (delete it to reseed: seeding takes about 10-20 minutes on 2 shared cores).
set -euo pipefail
cd "$(dirname "$0")/../.."
repetitions=${1:-200}
invocations=${2:-1000000}
work=$PWD/.build/console-bench
store=$work/state.db
port=${HOOKCTL_BENCH_PORT:-18431}
token=console-bench-token-0123456789abcdef
export HOOKCTL_STORE_KEY=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=  # a throwaway key for the throwaway store
hookctl=${HOOKCTL_BENCH_BINARY:-}

if [ -z "$hookctl" ]; then
    echo "== Building hookctl (release)" >&2
    swift build -c release --product hookctl >&2
    hookctl=$PWD/.build/release/hookctl
fi

if ! [ -f "$work/seeded-$invocations" ]; then
    rm -rf "$work"
    mkdir -p "$work/webhooks.d"
    echo "== Declaring and applying 1,000 webhooks" >&2
    triggers=(Created Approved Rejected Granted Expired Failed)
    for i in $(seq -w 0 999); do
        n=$((10#$i))
        cat >"$work/webhooks.d/hook-$i.yaml" <<YAML
name: hook-$i
active: $([ $((n % 10)) = 0 ] && echo false || echo true)
method: POST
url: https://hooks.example.com/in/$i
triggers: [${triggers[$((n % 6))]}, ${triggers[$(((n + 1) % 6))]}]
body: |
  {"type": "{{event_type}}", "id": "{{data.id}}", "who": "{{data.requester.name}}"}
YAML
    done
    (cd "$work" && "$hookctl" apply --store "sqlite:$store" --auto-approve >/dev/null)
    echo "== Seeding $invocations invocations" >&2
    python3 Benchmarks/console/seed.py "$store" "$invocations" 30
    touch "$work/seeded-$invocations"
fi

echo "== Starting hookctl console on 127.0.0.1:$port" >&2
HOOKCTL_CONSOLE_TOKEN=$token "$hookctl" console --listen "127.0.0.1:$port" --store "sqlite:$store" \
    2>"$work/console.log" &
console=$!
trap 'kill "$console" 2>/dev/null; wait "$console" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
    grep -q "console listening" "$work/console.log" && break
    kill -0 "$console" 2>/dev/null || { cat "$work/console.log" >&2; exit 1; }
    sleep 0.1
done
grep -q "console listening" "$work/console.log" || { echo "error: the console did not start" >&2; exit 1; }

echo "== $repetitions GETs per page (machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $(date -u +%FT%RZ))"
python3 Benchmarks/console/measure.py "http://127.0.0.1:$port" "$token" "$store" "$repetitions"
