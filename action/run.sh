#!/usr/bin/env bash
# Runs one hookctl command for the action and records its exit code (output exit-code) instead of failing, so the
# steps after it (SARIF upload, the plan comment, the plan artifact) still run; the action's last step exits with it.
#   lint   annotations (--format github by default) and a SARIF file for code scanning
#   plan   the plan (--format markdown by default) into the job summary, saved with --out for apply
#   apply  the plan file; with a reviewed plan, only when the merged declarations are the ones it was made from
set -uo pipefail
read -r -a paths <<< "${INPUT_PATH:-webhooks.d}"
read -r -a extra <<< "${INPUT_ARGS:-}"
store=()
[ -n "${INPUT_STORE:-}" ] && store=(--store "$INPUT_STORE")
out="$RUNNER_TEMP/hookctl"
mkdir -p "$out"
report="$out/report.txt"
code=0
case "$INPUT_COMMAND" in
lint)
    hookctl lint "${paths[@]}" --format "${INPUT_FORMAT:-github}" "${extra[@]}" | tee "$report"
    code=${PIPESTATUS[0]}
    hookctl lint "${paths[@]}" --format sarif "${extra[@]}" > "$out/hookctl.sarif"
    echo "sarif=$out/hookctl.sarif" >> "$GITHUB_OUTPUT"
    ;;
plan)
    hookctl plan "${paths[@]}" "${store[@]}" --format "${INPUT_FORMAT:-markdown}" --detailed-exitcode \
        --out "$INPUT_PLAN_FILE" "${extra[@]}" > "$report"
    code=$?
    cat "$report"
    cat "$report" >> "$GITHUB_STEP_SUMMARY"
    # 0 no changes and 2 changes are both a plan; 1 is an error.
    [ "$code" -eq 2 ] && code=0
    ;;
apply)
    plan_file="$INPUT_PLAN_FILE"
    if [ -n "${REVIEWED_PLAN_DIR:-}" ]; then
        plan_file="$REVIEWED_PLAN_DIR/$(basename "$INPUT_PLAN_FILE")"
        # The reviewed plan holds the digest of the declarations it was made from; apply it only to those.
        hookctl plan "${paths[@]}" "${store[@]}" --out "$out/merged.plan" "${extra[@]}" > /dev/null
        code=$?
        digest() { grep -o '"declarationsDigest":"[^"]*"' "$1"; }
        if [ "$code" -ne 0 ]; then
            echo "::error title=hookctl apply::could not plan the merged declarations (exit $code)"
        elif [ "$(digest "$plan_file")" != "$(digest "$out/merged.plan")" ]; then
            echo "::error title=hookctl apply::the merged declarations differ from the ones the reviewed plan was made from (main moved after the last plan of the pull request); nothing applied: plan again and review"
            code=1
        fi
    fi
    if [ "$code" -eq 0 ]; then
        hookctl apply "$plan_file" "${store[@]}" "${extra[@]}" | tee "$report"
        code=${PIPESTATUS[0]}
        # 2: the live webhooks already match the plan, nothing to do.
        [ "$code" -eq 2 ] && code=0
        [ "$code" -eq 3 ] && echo "::error title=hookctl apply::stale plan: the store changed since the plan was reviewed; plan again"
    fi
    ;;
esac
echo "report=$report" >> "$GITHUB_OUTPUT"
echo "exit-code=$code" >> "$GITHUB_OUTPUT"
