#!/usr/bin/env bash
# Runs make targets one after another as the steps of a bigger target (e.g.
# `make test`), times each, stops at the first failure, and ends with exactly
# one summary line naming the failed step or the total time.
#
# Usage: steps.sh LABEL TARGET...   (MAKE from the environment, default make)
set -uo pipefail

label=$1
shift
make=${MAKE:-make}
total=$#

duration() {
    printf '%dm%02ds' $(($1 / 60)) $(($1 % 60))
}

start=$(date +%s)
report=()
index=0
for step in "$@"; do
    index=$((index + 1))
    printf '\n==> [%d/%d] %s\n' "$index" "$total" "$step"
    step_start=$(date +%s)
    if "$make" --no-print-directory "$step"; then
        report+=("$(printf '  %-12s %s' "$step" "$(duration $(($(date +%s) - step_start)))")")
    else
        status=$?
        if [ "${#report[@]}" -gt 0 ]; then
            printf '\nstep times:\n'
            printf '%s\n' "${report[@]}"
        fi
        echo "$label: FAILED at step $index/$total ($step) after $(duration $(($(date +%s) - start)))"
        exit "$status"
    fi
done
printf '\nstep times:\n'
printf '%s\n' "${report[@]}"
echo "$label: all $total steps passed in $(duration $(($(date +%s) - start)))"
