#!/usr/bin/env bash
# Start or stop a private distribution registry (Debian's docker-registry) on loopback for the tests.
#   registry.sh start DIR PORT [--htpasswd FILE | --token REALM CERT] [--tls CERT KEY] [--storage DIR]
#                                                                     -> serves until `stop DIR`
#   registry.sh stop DIR
# DIR holds the config, the storage and the pid file; nothing is written elsewhere.
set -euo pipefail
cmd=$1 dir=$2
case "$cmd" in
start)
  port=$3; shift 3
  auth="" tls="" scheme=http curl_opts=() storage="$dir/storage"
  while [ $# -gt 0 ]; do
    case "$1" in
      --htpasswd) auth="auth:
  htpasswd:
    realm: skiff-test
    path: $2"; shift 2 ;;
      --token) auth="auth:
  token:
    realm: $2
    service: skiff-test
    issuer: skiff-test-issuer
    rootcertbundle: $3"; shift 3 ;;
      --storage) storage=$2; shift 2 ;;
      --tls) tls="  tls:
    certificate: $2
    key: $3"; scheme=https; curl_opts+=(--cacert "$2"); shift 3 ;;
      *) echo "registry.sh: unknown option $1" >&2; exit 2 ;;
    esac
  done
  mkdir -p "$dir" "$storage"
  cat > "$dir/config.yml" <<YML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
$tls
$auth
YML
  docker-registry serve "$dir/config.yml" > "$dir/registry.log" 2>&1 &
  echo $! > "$dir/pid"
  for _ in $(seq 1 100); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "${curl_opts[@]}" "$scheme://127.0.0.1:$port/v2/" || true)
    case "$code" in 200|401) exit 0 ;; esac
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || { cat "$dir/registry.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "registry.sh: registry on port $port did not come up; log:" >&2
  cat "$dir/registry.log" >&2
  exit 1
  ;;
stop)
  if [ -f "$dir/pid" ]; then
    kill "$(cat "$dir/pid")" 2>/dev/null || true
    rm -f "$dir/pid"
  fi
  ;;
*) echo "usage: registry.sh start DIR PORT [--htpasswd F] [--tls CERT KEY] | stop DIR" >&2; exit 2 ;;
esac
