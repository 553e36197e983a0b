#!/usr/bin/env bash
# The quick start: applies the example webhooks (webhooks.d) and a loopback one (examples/quickstart) to the embedded
# SQLite store, runs the runner, emits the sample Created event, and shows it arriving — signature verified — at
# `hookctl receive` on this machine, and in the history. The examples' receivers are real services (Datadog, Slack,
# Atlassian, …): the script disables those webhooks after the apply, so that the sample event, with examples.env's
# stand-in credentials, goes nowhere but to this machine.
set -euo pipefail
cd "$(dirname "$0")/.."

receiver_port=8765
intake_port=8766
work=.hookctl/quickstart
mkdir -p "$work"
rm -f "$work/received.txt"

# HOOKCTL_BIN: an installed or already built hookctl; else it is built here (a debug build, minutes the first time).
if [ -n "${HOOKCTL_BIN:-}" ]; then
    hookctl="$HOOKCTL_BIN"
else
    echo "== building hookctl (swift build --product hookctl)"
    if ! swift build --product hookctl >"$work/build.log" 2>&1; then
        grep -E "error" "$work/build.log" >&2 || tail -n 20 "$work/build.log" >&2
        echo "error: the build failed; the whole log is in $work/build.log" >&2
        exit 1
    fi
    hookctl="$(swift build --show-bin-path)/hookctl"
fi
allow=(--allow-target "127.0.0.1:$receiver_port")

# The receiver verifies signatures with the loopback webhook's signing secret, from examples.env.
QUICKSTART_SIGNING_SECRET=$(sed -n 's/^QUICKSTART_SIGNING_SECRET=//p' examples.env)
export QUICKSTART_SIGNING_SECRET
"$hookctl" receive --listen "127.0.0.1:$receiver_port" --secret '${env:QUICKSTART_SIGNING_SECRET}' \
    >"$work/received.txt" 2>&1 &
receiver_pid=$!
runner_pid=
cleanup() {
    [ -n "$runner_pid" ] && kill "$runner_pid" 2>/dev/null && wait "$runner_pid" 2>/dev/null
    kill "$receiver_pid" 2>/dev/null || true
}
trap cleanup EXIT

echo "== plan and apply: the examples and the loopback receiver"
"$hookctl" plan --env-file examples.env --set quickstart "${allow[@]}" --out "$work/plan.json" \
    webhooks.d examples/quickstart | grep '^Plan:'
# Exit 2 is apply's "nothing to do": a second run of this script finds the webhooks already applied.
"$hookctl" apply "$work/plan.json" | tail -n 1 || [ "${PIPESTATUS[0]}" = 2 ]

echo "== disable: the examples' webhooks (their receivers are real services); only the loopback one stays active"
for name in $(sed -n 's/^name: *//p' webhooks.d/*.yaml); do "$hookctl" disable "$name" >/dev/null; done
"$hookctl" list

echo "== run: the runner on 127.0.0.1:$intake_port (log in $work/runner.log)"
"$hookctl" run --listen "127.0.0.1:$intake_port" --shutdown-timeout 2s "${allow[@]}" 2>"$work/runner.log" &
runner_pid=$!
for _ in $(seq 1 100); do grep -q "intake listening" "$work/runner.log" 2>/dev/null && break; sleep 0.1; done

for _ in $(seq 1 100); do grep -q "listening on" "$work/received.txt" 2>/dev/null && break; sleep 0.1; done

echo "== emit: the sample Created event"
# A new idempotency key each run: the sample event's own key (type, data.id, event_time) was accepted by an earlier run.
"$hookctl" emit --trigger Created --idempotency-key "quickstart-$(date +%s%N)"

for _ in $(seq 1 100); do grep -q "answered" "$work/received.txt" 2>/dev/null && break; sleep 0.1; done
if ! grep -q "answered" "$work/received.txt"; then
    echo "error: the loopback receiver got nothing; see $work/runner.log and $work/received.txt" >&2
    exit 1
fi
echo "== hookctl receive got:"
sed -n '/^── /,/^→ answered/p' "$work/received.txt"

kill "$runner_pid" && wait "$runner_pid" || true
runner_pid=
echo "== history"
"$hookctl" history --limit 10
