#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks of the decision + patch core (AdmissionReviewHandler.Handle): mean time and
# bytes allocated per review, for every captured review, the large pod, and a size series.
#
#   bench/micro.sh            full run (BenchmarkDotNet's default job; ~15 min on 2 cores)
#   bench/micro.sh --short    ShortRun job (3 iterations; ~2 min), numbers good to ~5-10 %
#   bench/micro.sh --dry      one cold iteration of each, in-process: proves the benchmarks run (~10 s)
#   bench/micro.sh [--short|--dry] --filter '*Scaling*'   any further BenchmarkDotNet arguments are passed on
#
# Reports go to bench/results/micro/ (git-ignored).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
job=()
case "${1:-}" in
  --short) job=(--job Short); shift ;;
  --dry) job=(--job Dry --inProcess); shift ;;
esac
filter=(--filter '*')
for arg in "$@"; do [[ $arg == --filter || $arg == -f ]] && filter=(); done

dotnet build -c Release "$repo/bench/DaprShared.Benchmarks" -v q -nologo
cd "$repo"
exec dotnet "$repo/bench/DaprShared.Benchmarks/bin/Release/net10.0/DaprShared.Benchmarks.dll" \
  "${filter[@]}" "${job[@]}" --artifacts "$repo/bench/results/micro" "$@"
