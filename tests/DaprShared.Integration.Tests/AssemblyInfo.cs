using System.Runtime.Versioning;

// The control-plane binaries (kube-apiserver, etcd, kube-controller-manager) are Linux programs, and so is the
// product's target.
[assembly: SupportedOSPlatform("linux")]
