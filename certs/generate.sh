#!/usr/bin/env bash
# Makes a CA and a serving certificate for a webhook Service, for manual installs (tls.mode=files)
# and local tests. Needs only openssl.
#
#   certs/generate.sh SERVICE NAMESPACE [OUTDIR]
#
# Writes to OUTDIR (default certs/out/SERVICE.NAMESPACE, git-ignored): ca.crt, ca.key, tls.crt, tls.key
# (the serving certificate has a SAN for every DNS form of the Service: SERVICE, SERVICE.NAMESPACE,
# SERVICE.NAMESPACE.svc and SERVICE.NAMESPACE.svc.CLUSTER_DOMAIN), then prints the caBundle
# (base64 of ca.crt) on stdout; everything else goes to stderr, so `caBundle=$(certs/generate.sh ...)` works.
#
# Environment: CLUSTER_DOMAIN (cluster.local), CA_DAYS (3650), CERT_DAYS (365).
# Keep ca.key out of the cluster and out of git: the cluster only needs ca.crt (as the caBundle)
# and tls.crt/tls.key (as a kubernetes.io/tls Secret).
set -euo pipefail

usage() { sed -n '5p' "${BASH_SOURCE[0]}" | sed 's/^# *//' >&2; }

if [[ $# -lt 2 || $# -gt 3 ]]; then usage; exit 2; fi
service="$1"
namespace="$2"
cluster_domain="${CLUSTER_DOMAIN:-cluster.local}"
ca_days="${CA_DAYS:-3650}"
cert_days="${CERT_DAYS:-365}"

# DNS-1035 label for the Service, DNS-1123 label for the namespace: anything else cannot be a SAN
# the API server would ever ask for, and would also let odd characters into the openssl config.
label='^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'
[[ "$service" =~ ^[a-z]([-a-z0-9]*[a-z0-9])?$ && ${#service} -le 63 ]] \
  || { echo "generate.sh: '$service' is not a valid Service name (DNS-1035 label)" >&2; exit 2; }
[[ "$namespace" =~ $label && ${#namespace} -le 63 ]] \
  || { echo "generate.sh: '$namespace' is not a valid namespace name (DNS-1123 label)" >&2; exit 2; }
[[ "$cluster_domain" =~ ^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$ ]] \
  || { echo "generate.sh: '$cluster_domain' is not a valid cluster domain" >&2; exit 2; }
[[ "$ca_days" =~ ^[1-9][0-9]*$ && "$cert_days" =~ ^[1-9][0-9]*$ ]] \
  || { echo "generate.sh: CA_DAYS and CERT_DAYS must be positive integers" >&2; exit 2; }
command -v openssl >/dev/null 2>&1 || { echo "generate.sh: openssl is required" >&2; exit 1; }

out="${3:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/out/$service.$namespace}"
mkdir -p "$out"
chmod 700 "$out"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat >"$work/serving.cnf" <<CONF
[req]
distinguished_name = dn
prompt = no
[dn]
CN = $service.$namespace.svc
[ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:$service, DNS:$service.$namespace, DNS:$service.$namespace.svc, DNS:$service.$namespace.svc.$cluster_domain
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
CONF

cat >"$work/ca.cnf" <<CONF
[req]
distinguished_name = dn
prompt = no
[dn]
CN = $service.$namespace CA
[ext]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
CONF

# ECDSA P-256: small, fast handshakes, accepted by every supported kube-apiserver.
umask 077
openssl ecparam -name prime256v1 -genkey -noout -out "$work/ca.key" 2>/dev/null
openssl req -x509 -new -key "$work/ca.key" -sha256 -days "$ca_days" \
  -config "$work/ca.cnf" -extensions ext -out "$work/ca.crt"
openssl ecparam -name prime256v1 -genkey -noout -out "$work/tls.key" 2>/dev/null
openssl req -new -key "$work/tls.key" -config "$work/serving.cnf" -out "$work/tls.csr"
openssl x509 -req -in "$work/tls.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial \
  -sha256 -days "$cert_days" -extfile "$work/serving.cnf" -extensions ext -out "$work/tls.crt" 2>/dev/null
openssl verify -CAfile "$work/ca.crt" "$work/tls.crt" >/dev/null

# PKCS#8 for the serving key: what .NET's PEM loader and every Go program read without fuss.
openssl pkcs8 -topk8 -nocrypt -in "$work/tls.key" -out "$out/tls.key"
cp "$work/tls.crt" "$work/ca.crt" "$work/ca.key" "$out/"
chmod 600 "$out/tls.key" "$out/ca.key"
chmod 644 "$out/tls.crt" "$out/ca.crt"

{
  echo "generate.sh: wrote $out/{ca.crt,ca.key,tls.crt,tls.key}"
  echo "generate.sh: SANs: $service, $service.$namespace, $service.$namespace.svc, $service.$namespace.svc.$cluster_domain"
  echo "generate.sh: create the Secret with:"
  echo "  kubectl -n $namespace create secret tls dapr-shared-injector-serving --cert=$out/tls.crt --key=$out/tls.key"
  echo "generate.sh: caBundle (also on stdout):"
} >&2
base64 -w0 <"$out/ca.crt"
echo
