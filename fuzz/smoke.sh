#!/usr/bin/env bash
# CI smoke for the fuzz targets: build every target and run each for a few seconds on its
# committed corpus, so the targets keep compiling and the corpora keep passing.
#
# Stable Rust only: `-s none` builds without a sanitizer, so cargo-fuzz passes no `-Z` flag
# to rustc (safe Rust needs no ASan to catch panics and overflows; debug assertions stay on).
#
#   fuzz/smoke.sh            # each target 3 s
#   SMOKE_SECS=10 fuzz/smoke.sh
set -euo pipefail
cd "$(dirname "$0")"

secs="${SMOKE_SECS:-3}"
# Build where cargo-fuzz looks for the binaries, whatever CARGO_TARGET_DIR the caller set.
target_dir="${FUZZ_TARGET_DIR:-$PWD/target}"

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

cargo fuzz build -s none --target-dir "$target_dir"

# New inputs go to a scratch directory: the committed corpus stays as committed.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

for target in $(cargo fuzz list); do
    mkdir -p "$scratch/$target"
    log="$scratch/$target.log"
    if cargo fuzz run -s none --target-dir "$target_dir" "$target" \
        "$scratch/$target" "corpus/$target" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 >"$log" 2>&1; then
        echo "fuzz smoke $target: $(grep -Eo '^Done [0-9]+ runs in [0-9]+ second' "$log")"
    else
        tail -n 40 "$log"
        echo "fuzz smoke $target: FAILED (input saved under fuzz/artifacts/$target/)" >&2
        exit 1
    fi
done
