#!/usr/bin/env bash
# Runs hookctl's tests on a fresh machine: provisions what they need, then `swift test "$@"`.
#
# The independent Python verifiers some tests call (Scripts/test-requirements.txt) are installed into a project-local
# virtualenv, .build/test-venv, which goes first on PATH and is named to the tests by HOOKCTL_TEST_PYTHON; nothing is
# installed outside the checkout. The virtualenv is reused until the requirements change. `.ci/run` calls this too.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.build/test-venv
requirements=Scripts/test-requirements.txt

fail() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

if ! [ -x "$venv/bin/python" ] || ! cmp -s "$requirements" "$venv/installed-requirements.txt"; then
    printf '== Installing the test verifiers (%s) into %s\n' "$requirements" "$venv" >&2
    command -v python3 >/dev/null || fail "the tests need python3 (Debian/Ubuntu: apt-get install python3 python3-venv)"
    rm -rf "$venv"
    python3 -m venv "$venv" || fail "python3 -m venv failed (Debian/Ubuntu: apt-get install python3-venv)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" \
        || fail "could not install $requirements into $venv (is PyPI reachable?)"
    cp "$requirements" "$venv/installed-requirements.txt"
fi
command -v openssl >/dev/null || fail "the HTTPS tests make a throwaway CA with openssl (apt-get install openssl)"
command -v node >/dev/null || fail "the GitHub Action's plan-comment script is tested in Node (apt-get install nodejs)"

export PATH="$PWD/$venv/bin:$PATH"
export HOOKCTL_TEST_PYTHON="$PWD/$venv/bin/python"
swift test "$@"
