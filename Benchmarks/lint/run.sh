#!/usr/bin/env bash
# Times `hookctl lint` over 1,000 generated webhooks, each subscribed to all six triggers with a realistic 30-line
# body (so the render proof renders 1,000 × 6 × 9 events). Target: under 1 second.
#
#   bash Benchmarks/lint/run.sh [COUNT]      # SCRATCH=.build-lint selects the build folder
set -euo pipefail

count=${1:-1000}
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=${SCRATCH:-.build-lint}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/webhooks.d"
for ((i = 0; i < count; i++)); do
    cat > "$work/webhooks.d/hook-$i.yaml" <<YAML
name: siem-$i
method: POST
url: https://siem-$i.example.com/ingest/access-events
triggers: [Created, Approved, Rejected, Granted, Expired, Failed]
body: |
  {
    "source": "hookctl",
    "event": "{{event_type}}",
    "time": {{event_time}},
    "at": "{{date event_time}}",
    "request": {
      "id": "{{data.id}}",
      "friendly_id": "{{data.friendly_id}}",
      "requester": {"id": "{{data.requester.id}}", "name": "{{data.requester.name}}", "email": "{{data.requester.email}}"},
      "justification": {{data.justification}},
      "expires": {{#if data.revocation_date}}"{{date data.revocation_date}}"{{else}}null{{/if}},
      "flow": "{{data.access_flow.name}}",
      "bundle": {{#if data.access_bundle}}"{{data.access_bundle.name}}"{{else}}null{{/if}}
    },
    "resources": [
      {{#each data.access_groups}}{{#each access_units}}
      {"integration": "{{../integration.name}}", "path": "{{resource.path}}", "permission": "{{permission.name}}"}{{#unless @last}},{{/unless}}
      {{/each}}{{#unless @last}},{{/unless}}{{/each}}
    ],
    "approvals": [
      {{#each data.approvals}}
      {"name": "{{name}}", "status": "{{status}}"{{#if approver}}, "by": "{{approver.email}}"{{/if}} }{{#unless @last}},{{/unless}}
      {{/each}}
    ],
    "relation": "{{data.approvals_logical_relation}}",
    "summary": "{{upper data.friendly_id}}: {{data.requester.name}} via {{data.access_flow.name}} ({{len data.approvals}} steps)",
    "link": "https://access.example.com/requests/{{data.id}}"
  }
YAML
done

cd "$root"
swift build -c release --scratch-path "$scratch" --product hookctl >&2
hookctl="$root/$scratch/release/hookctl"

cd "$work"
summary=$("$hookctl" lint | tail -n 1)
echo "$summary"
case "$summary" in ✓*) ;; *) echo "the generated webhooks should lint clean" >&2; exit 1 ;; esac
events=$(echo "$summary" | grep -o '[0-9,]* rendered events' | tr -d ',' | cut -d' ' -f1)
templates=$(echo "$summary" | grep -o '[0-9,]* templates' | tr -d ',' | cut -d' ' -f1)

if command -v hyperfine > /dev/null; then
    hyperfine --warmup 1 --runs 10 --export-json "$work/hyperfine.json" "$hookctl lint" >&2
    mean=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$work/hyperfine.json")
else
    runs=5
    start=$(date +%s%N)
    for ((r = 0; r < runs; r++)); do "$hookctl" lint > /dev/null; done
    mean=$(python3 -c "print(($(date +%s%N) - $start) / $runs / 1e9)")
fi

python3 - "$mean" "$templates" "$events" <<'PY'
import sys
mean, templates, events = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
print(f"wall time: {mean:.3f} s (mean)")
print(f"templates per second: {templates / mean:,.0f}")
print(f"rendered events: {events:,} ({events / mean:,.0f} per second)")
PY
