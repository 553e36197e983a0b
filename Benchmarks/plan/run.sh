#!/usr/bin/env bash
# Benchmarks `hookctl plan` over N declarations in N files (default 10,000) against a store holding the same N:
# no changes, then 1% changed, side by side with the time to merely parse the same files with libyaml
# (PyYAML's C loader). Peak memory from /usr/bin/time -v. Prints a Markdown table.
#
#   Benchmarks/plan/run.sh                 # builds hookctl in release mode first
#   HOOKCTL_BIN=path/to/hookctl N=2000 Benchmarks/plan/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! python3 -c 'import yaml; yaml.CLoader' 2>/dev/null || [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y -qq --no-install-recommends python3-yaml time >/dev/null
    else
        echo "needs python3-yaml (with libyaml) and /usr/bin/time" >&2
        exit 1
    fi
fi

BIN="${HOOKCTL_BIN:-}"
if [ -z "$BIN" ]; then
    swift build -c release --product hookctl >&2
    BIN="$(swift build -c release --show-bin-path)/hookctl"
fi

exec python3 Benchmarks/plan/bench.py "$BIN" "${N:-10000}"
