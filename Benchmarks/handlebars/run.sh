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

# field NAME LINE: the value of NAME=… on LINE.
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$2"; }
SWIFT_JSON_LINE="$(grep '^swift-json' <<<"$SWIFT_OUT")"
SWIFT_HTML_LINE="$(grep '^swift-html' <<<"$SWIFT_OUT")"
for metric in renders_per_second renders_per_cpu_second; do
  awk -v m="$metric" -v j="$(field "$metric" "$SWIFT_JSON_LINE")" -v h="$(field "$metric" "$SWIFT_HTML_LINE")" \
      -v js="$(field "$metric" "$JS_OUT")" 'BEGIN {
    printf "ratio by %-22s swift-json / handlebars.js = %.2fx, swift-html / handlebars.js = %.2fx\n", m, j / js, h / js
  }'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (wall-clock rates are only meaningful on an idle machine)"
