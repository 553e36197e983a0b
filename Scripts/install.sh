#!/usr/bin/env bash
# Builds a release hookctl and installs it: bash Scripts/install.sh [PREFIX]   (default /usr/local; the binary goes to
# PREFIX/bin). On Linux the Swift runtime is linked in (--static-swift-stdlib), so the installed binary needs only
# SQLite's library at run time (Debian/Ubuntu: libsqlite3-0); macOS ships SQLite and the Swift runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-/usr/local}"
flags=(-c release --product hookctl)
[ "$(uname -s)" = Linux ] && flags+=(--static-swift-stdlib)
swift build "${flags[@]}"
mkdir -p "$prefix/bin"
install -m 0755 "$(swift build "${flags[@]}" --show-bin-path)/hookctl" "$prefix/bin/hookctl"
echo "installed $prefix/bin/hookctl ($("$prefix/bin/hookctl" --version))"
