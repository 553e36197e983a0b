#!/usr/bin/env bash
# The action's cache key: hookctl's version and a digest of the source it builds from (Package.swift, Sources/),
# so a cached binary is reused exactly as long as the source is the same.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/.*version: "\([^"]*\)".*/\1/p' Sources/hookctl/Hookctl.swift | head -n 1)
digest=$( (sha256sum Package.swift; find Sources -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16)
echo "version=${version:-unknown}" >> "${GITHUB_OUTPUT:-/dev/stdout}"
echo "key=${version:-unknown}-$digest" >> "${GITHUB_OUTPUT:-/dev/stdout}"
