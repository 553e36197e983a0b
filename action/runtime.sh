#!/usr/bin/env bash
# Puts the built hookctl on PATH, installing SQLite's run-time library if the machine lacks it.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ldconfig -p 2>/dev/null | grep -q 'libsqlite3\.so\.0'; then
    sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends libsqlite3-0 >/dev/null
fi
echo "$PWD/.hookctl-bin" >> "$GITHUB_PATH"
"$PWD/.hookctl-bin/hookctl" --version
