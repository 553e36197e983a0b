#!/usr/bin/env bash
# Builds hookctl from the action's own source into .hookctl-bin/ (the folder the action caches), with the Swift
# standard library linked in, so a cached binary needs only SQLite's library at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() {
    echo "::error title=hookctl action::$*"
    exit 1
}
command -v swift >/dev/null \
    || fail "building hookctl needs Swift 6.2 or later: run the job in a Swift container (container: swift:6.2)"
if ! [ -e /usr/include/sqlite3.h ]; then
    sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends libsqlite3-dev >/dev/null \
        || fail "could not install libsqlite3-dev, which hookctl builds against"
fi
swift build -c release --product hookctl --static-swift-stdlib
mkdir -p .hookctl-bin
cp "$(swift build -c release --show-bin-path)/hookctl" .hookctl-bin/hookctl
