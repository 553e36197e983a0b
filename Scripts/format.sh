#!/usr/bin/env bash
# Formats (or, with --check, lints) hookctl's Swift sources with the toolchain's swift-format and .swift-format.
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Package.swift Sources Tests)
if [ "${1:-}" = "--check" ]; then
    swift format lint --strict --recursive --parallel "${paths[@]}"
else
    swift format format --in-place --recursive --parallel "${paths[@]}"
fi
