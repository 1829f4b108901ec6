#!/bin/sh
# Run each fuzz harness for a bounded time (default 30 s); exit non-zero on a crash.
# Usage: fuzz/run_ci.sh [seconds]. Needs atheris (pip install atheris).
set -eu
seconds="${1:-30}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for harness in "$here"/fuzz_*.py; do
    name="$(basename "$harness" .py)"
    mkdir -p "$work/$name"
    echo "fuzzing $name for ${seconds}s"
    python "$harness" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
        -artifact_prefix="$work/" "$work/$name"
done
