#!/usr/bin/env bash
# End-to-end smoke of the Native AOT build: publishes src/DaprShared.Webhook with PublishAot (warnings stay errors, so
# a trim/AOT warning fails here), then runs tests/DaprShared.AotSmoke, which starts the binary exactly as in a cluster
# (serve, TLS files, a kubeconfig, leader election on) against the in-process fake API server and checks the
# controller (instance, owned objects, Ready, Lease) and the webhook (/mutate, /readyz) until a clean SIGTERM exit.
# Last line: "aot smoke: ok", or the script fails. About 1.5 min on 2 cores with a warm NuGet cache.
#
# Usage: bench/aot-smoke.sh [--binary PATH] [--jit] [--out DIR] [--keep]
#   --binary PATH   smoke this binary; no publish (and no clang needed)
#   --jit           publish the JIT build instead (framework-dependent, quicker) and smoke that
#   --out DIR       where the publish output, build artifacts and logs go (default $TMPDIR/dapr-shared-aot-smoke)
#   --keep          keep the smoke's work directory (certificate, kubeconfig) even when it passed
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

binary=""
build="aot"
out="${TMPDIR:-/tmp}/dapr-shared-aot-smoke"
smoke_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --binary) [[ $# -ge 2 ]] || { echo "aot-smoke.sh: --binary needs a path" >&2; exit 2; }; binary="$2"; shift 2 ;;
    --jit) build="jit"; shift ;;
    --out) [[ $# -ge 2 ]] || { echo "aot-smoke.sh: --out needs a directory" >&2; exit 2; }; out="$2"; shift 2 ;;
    --keep) smoke_args+=(--keep); shift ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "aot-smoke.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

mkdir -p "$out"
out="$(cd "$out" && pwd)"
# Our own obj/ and bin/ (not the projects' folders): other builds may run in the same tree at the same time, and a
# RID-specific restore would rewrite their project.assets.json.
artifacts="$out/artifacts"
start=$SECONDS
log() { echo "aot-smoke: [$((SECONDS - start)) s] $*"; }
fail() { echo "aot-smoke: $*" >&2; echo "aot smoke: FAILED" >&2; exit 1; }

# Native AOT links with clang and needs zlib's headers/static library.
ensure_native_toolchain() {
  local missing=()
  command -v clang >/dev/null 2>&1 || missing+=(clang)
  dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    fail "Native AOT needs ${missing[*]}: install them (apt-get install -y clang zlib1g-dev) or pass --binary"
  fi
  log "installing ${missing[*]} with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [[ -z "$binary" ]]; then
  publish_args=(-c Release -o "$out/publish-$build" --artifacts-path "$artifacts" -p:TreatWarningsAsErrors=true -nologo)
  if [[ "$build" == "aot" ]]; then
    ensure_native_toolchain
    publish_args+=(-r linux-x64 -p:PublishAot=true)
  fi
  rm -rf "$out/publish-$build"
  log "publishing the $build build (log: $out/publish-$build.log)"
  if ! timeout 600 dotnet publish "$repo/src/DaprShared.Webhook" "${publish_args[@]}" > "$out/publish-$build.log" 2>&1; then
    grep -E '(error|warning) [A-Z]+[0-9]+' "$out/publish-$build.log" | sed -E 's/ \[[^]]*\]$//' | sort -u | tail -30 >&2 || tail -30 "$out/publish-$build.log" >&2
    fail "dotnet publish ($build) failed; full log: $out/publish-$build.log"
  fi
  binary="$out/publish-$build/DaprShared.Webhook"
  log "published $binary ($(du -h "$binary" | cut -f1))"
fi
[[ -x "$binary" ]] || fail "$binary is not an executable file"

log "building tests/DaprShared.AotSmoke"
if ! timeout 300 dotnet build "$repo/tests/DaprShared.AotSmoke" -c Release --artifacts-path "$artifacts" -nologo > "$out/build-smoke.log" 2>&1; then
  grep -E '(error|warning) [A-Z]+[0-9]+' "$out/build-smoke.log" | sort -u | tail -30 >&2 || tail -30 "$out/build-smoke.log" >&2
  fail "building the smoke program failed; full log: $out/build-smoke.log"
fi

log "running the smoke"
if ! timeout 300 dotnet "$artifacts/bin/DaprShared.AotSmoke/release/DaprShared.AotSmoke.dll" --binary "$binary" "${smoke_args[@]}"; then
  fail "the smoke of $binary failed (steps and the binary's log above)"
fi

log "done"
echo "aot smoke: ok"
