#!/usr/bin/env bash
# Says whether the real-API-server suite can run here, by the rule its fixture uses
# (tests/DaprShared.Integration.Tests/ControlPlane/KubeAssets.cs): kube-apiserver in $KUBEBUILDER_ASSETS (envtest's
# layout, default /usr/local/kubebuilder/bin), etcd there or on PATH, kube-controller-manager optional.
#   kube-assets.sh describe   one line for the log: what runs, or why the suite is skipped
#   kube-assets.sh present    exit 0 when the suite can run
set -uo pipefail
dir="${KUBEBUILDER_ASSETS:-/usr/local/kubebuilder/bin}"
etcd="$dir/etcd"; [[ -x "$etcd" ]] || etcd="$(command -v etcd || true)"
present() { [[ -x "$dir/kube-apiserver" && -n "$etcd" ]]; }
case "${1:-describe}" in
  present) present ;;
  describe)
    if present; then
      kcm="with kube-controller-manager"; [[ -x "$dir/kube-controller-manager" ]] || kcm="WITHOUT kube-controller-manager (those tests skip)"
      echo "real-API-server suite: RUNS against $("$dir/kube-apiserver" --version 2>/dev/null) from $dir, etcd $("$etcd" --version 2>/dev/null | awk 'NR==1 {print $3}'), $kcm"
    else
      echo "real-API-server suite: SKIPPED: no kube-apiserver and etcd in $dir (set KUBEBUILDER_ASSETS; see tests/DaprShared.Integration.Tests/README.md)"
    fi ;;
  *) echo "usage: kube-assets.sh describe|present" >&2; exit 2 ;;
esac
