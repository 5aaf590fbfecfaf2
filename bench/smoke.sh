#!/usr/bin/env bash
# CI smoke of the benchmarks (what .ci/run calls): proves they still run, measures nothing worth keeping.
# 1. every micro-benchmark once, in-process (BenchmarkDotNet --job Dry);
# 2. a few seconds of the HTTP harness (JIT build, two cases), only if wrk, h2load, curl and python3 are
#    already installed: it never installs anything.
# Takes well under 2 minutes. Exit code non-zero when a benchmark fails or a case answers wrongly.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/bench/micro.sh" --dry
"$repo/bench/run.sh" --quick --no-install --out "$repo/bench/results/smoke"
