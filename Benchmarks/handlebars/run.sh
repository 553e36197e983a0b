#!/usr/bin/env bash
# Builds the Swift benchmark in release mode and runs it beside handlebars.js, both pinned to
# CPU 0, then prints renders/second and the ratio. Usage: ./run.sh [seconds-per-measurement]
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_RUN="${1:-3}"

swift build -c release --product HandlebarsBenchmark >/dev/null
BIN="$(swift build -c release --show-bin-path)/HandlebarsBenchmark"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
SWIFT_OUT="$(taskset -c 0 "$BIN" . "$SECONDS_PER_RUN")"
JS_OUT="$(taskset -c 0 node bench.js "$SECONDS_PER_RUN")"
echo "$SWIFT_OUT"
echo "$JS_OUT"

rate() { sed -n "s/^$1 .*renders_per_second=\([0-9]*\).*/\1/p" <<<"$2"; }
SWIFT_JSON="$(rate swift-json "$SWIFT_OUT")"
SWIFT_HTML="$(rate swift-html "$SWIFT_OUT")"
JS="$(sed -n 's/.*renders_per_second=\([0-9]*\).*/\1/p' <<<"$JS_OUT")"
awk -v j="$SWIFT_JSON" -v h="$SWIFT_HTML" -v js="$JS" 'BEGIN {
  printf "ratio swift-json / handlebars.js = %.2fx\n", j / js
  printf "ratio swift-html / handlebars.js = %.2fx\n", h / js
}'
