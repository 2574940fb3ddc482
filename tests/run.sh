#!/usr/bin/env bash
# Set up the host (as root or via sudo), start the test registry, push the fixtures, run every test,
# then stop the registry and remove all scratch files. This is the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@"; }
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root() { sudo "$@"; }
else
  echo "run.sh: not root and no passwordless sudo: assuming tests/setup-host.sh was run" >&2
  as_root() { echo "run.sh: skipping (needs root): $*" >&2; }
fi
as_root bash tests/setup-host.sh
# The real-image fixture (Debian's apache2, as the official httpd image), built once and cached.
apache2_layer=$(as_root bash tests/fixtures/apache2-rootfs.sh)

work=$(mktemp -d /tmp/skiff-tests.XXXXXX)
chmod 0755 "$work"
cleanup() {
  bash tests/registry.sh stop "$work/registry" || true
  bash tests/registry.sh stop "$work/auth" || true
  bash tests/registry.sh stop "$work/tls" || true
  bash tests/registry.sh stop "$work/token/registry" || true
  [ -f "$work/token/server.pid" ] && kill "$(cat "$work/token/server.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

port=$(free_port)
bash tests/registry.sh start "$work/registry" "$port"
python3 tests/fixtures/build.py --registry "127.0.0.1:$port" --out "$work/fixtures" \
  ${apache2_layer:+--apache2 "$apache2_layer"}
# Hostile layers for the reliability campaign (tests/hostile.rs), pushed and as archives.
python3 tests/fixtures/hostile.py --registry "127.0.0.1:$port" --out "$work/hostile"
chmod -R a+rX "$work/hostile"

# A second registry that requires basic auth (htpasswd), with busybox only.
auth_port=$(free_port)
mkdir -p "$work/auth"
htpasswd -Bbn skiff s3cret-pass > "$work/auth/htpasswd"
bash tests/registry.sh start "$work/auth" "$auth_port" --htpasswd "$work/auth/htpasswd"
python3 tests/fixtures/build.py --registry "127.0.0.1:$auth_port" --user skiff --password s3cret-pass \
  --out "$work/auth/fixtures" --only-busybox

# The same content behind token auth (the scheme of Docker Hub, GHCR, Quay): a token server of our
# own signs JWTs for skiff/s3cret-pass; the registry reads the auth registry's storage.
token_port=$(free_port) token_reg_port=$(free_port)
mkdir -p "$work/token"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=skiff token signer" \
  -keyout "$work/token/key.pem" -out "$work/token/cert.pem" 2>/dev/null
python3 tests/fixtures/token_server.py "$token_port" "$work/token/key.pem" "$work/token/cert.pem" \
  skiff s3cret-pass skiff-test-issuer skiff-test > "$work/token/server.log" 2>&1 &
echo $! > "$work/token/server.pid"
bash tests/registry.sh start "$work/token/registry" "$token_reg_port" \
  --token "http://127.0.0.1:$token_port/token" "$work/token/cert.pem" --storage "$work/auth/storage"
export SKIFF_TEST_TOKEN_REGISTRY="127.0.0.1:$token_reg_port" SKIFF_TEST_TOKEN_LOG="$work/token/server.log"

# A third one over TLS with a self-signed certificate for 127.0.0.1, with busybox only.
tls_port=$(free_port)
mkdir -p "$work/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=skiff test CA" \
  -keyout "$work/tls/ca-key.pem" -out "$work/tls/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$work/tls/key.pem" -out "$work/tls/req.pem" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$work/tls/ext"
openssl x509 -req -in "$work/tls/req.pem" -CA "$work/tls/ca.pem" -CAkey "$work/tls/ca-key.pem" \
  -CAcreateserial -days 2 -extfile "$work/tls/ext" -out "$work/tls/cert.pem" 2>/dev/null
chmod 0644 "$work/tls/ca.pem"
chmod 0644 "$work/tls/cert.pem"
bash tests/registry.sh start "$work/tls" "$tls_port" --tls "$work/tls/cert.pem" "$work/tls/key.pem"
python3 tests/fixtures/build.py --registry "127.0.0.1:$tls_port" --scheme https \
  --cacert "$work/tls/ca.pem" --out "$work/tls/fixtures" --only-busybox
export SKIFF_TEST_TLS_REGISTRY="127.0.0.1:$tls_port" SKIFF_TEST_TLS_CA="$work/tls/ca.pem"

export SKIFF_TEST_AUTH_REGISTRY="127.0.0.1:$auth_port"
export SKIFF_TEST_AUTH_USER=skiff SKIFF_TEST_AUTH_PASSWORD=s3cret-pass
export SKIFF_TEST_REGISTRY="127.0.0.1:$port"
export SKIFF_TEST_REGISTRY_DIR="$work/registry"
export SKIFF_TEST_FIXTURES="$work/fixtures/fixtures.json"
export SKIFF_TEST_HOSTILE="$work/hostile/hostile.json"
export SKIFF_TEST_WORKDIR="$work/t"
mkdir -p "$SKIFF_TEST_WORKDIR" && chmod 0755 "$SKIFF_TEST_WORKDIR"

cargo test --locked "$@"

# The OCI runtime validation suite (runtime-tools) against skiff-runtime, as root: a table per
# program with totals; fails when any program passes fewer assertions than tests/oci/baseline.json.
if [ "$#" -eq 0 ]; then
  bash tests/oci/conformance.sh "$work/conformance"
fi
