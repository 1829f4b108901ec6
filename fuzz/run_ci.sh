#!/bin/sh
# Run each fuzz harness for a fixed number of inputs from a fixed seed (the same
# inputs on every machine, so CI is repeatable); exit non-zero on a crash.
# Usage: fuzz/run_ci.sh [runs]. Needs atheris (pip install 'restore[fuzz]').
set -eu
export PYTHONHASHSEED=0
runs="${1:-30000}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for harness in "$here"/fuzz_*.py; do
    name="$(basename "$harness" .py)"
    mkdir -p "$work/$name"
    echo "fuzzing $name: $runs inputs"
    python "$harness" -seed=1 -runs="$runs" -max_total_time=300 -timeout=20 -rss_limit_mb=4096 \
        -artifact_prefix="$work/" "$work/$name"
done
