#!/usr/bin/env bash
# Prepare a Debian 12 host for skiff's tests and demo (idempotent). Run as root (or via sudo).
#  - installs the helper programs skiff uses and the tools the tests use;
#  - creates the unprivileged test users: skiff-test (with a subuid/subgid range) and skiff-nosub
#    (without one, for the single-id fallback);
#  - makes /dev/net/tun 0666 as on normal distributions (pasta and slirp4netns open it);
#  - makes sure unprivileged user namespaces are allowed.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  exec sudo -E bash "$0" "$@"
fi

packages=(
  uidmap passt slirp4netns fuse-overlayfs iptables   # what skiff runs (iptables: slirp4netns bridge NAT)
  docker-registry busybox-static            # the test registry and the test images' content
  skopeo podman netavark aardvark-dns catatonit curl jq zstd python3 python3-venv tmux apache2-utils openssl procps iproute2 util-linux
  debootstrap                               # the real-image fixture (Debian apache2)
  docker-compose                            # a Docker API client (Python, docker-py)
  build-essential pkg-config               # cargo builds (cc for -sys crates)
  golang-go crun runc oci-image-tool        # the OCI runtime validation suite, peer runtimes, layout checks
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-host: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian package may have started its own registry on :5000 (with systemd); tests use their own.

# crun and the runtime validation suite expect the hugetlb controller where cgroup v1 is mounted.
if [ -d /sys/fs/cgroup/memory ] && ! mountpoint -q /sys/fs/cgroup/hugetlb 2>/dev/null; then
  mkdir -p /sys/fs/cgroup/hugetlb 2>/dev/null && mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb 2>/dev/null \
    || echo "setup-host: could not mount the hugetlb cgroup controller (hugetlb tests will fail)" >&2
fi

add_user() { # name with_subids
  local name=$1 subids=$2
  if ! id "$name" >/dev/null 2>&1; then
    useradd --create-home --shell /bin/bash "$name"
  fi
  sed -i "/^$name:/d" /etc/subuid /etc/subgid 2>/dev/null || true
  if [ "$subids" = yes ]; then
    echo "$name:200000:65536" >> /etc/subuid
    echo "$name:200000:65536" >> /etc/subgid
  fi
}
touch /etc/subuid /etc/subgid
add_user skiff-test yes
add_user skiff-nosub no

if [ -e /dev/net/tun ]; then chmod 0666 /dev/net/tun; fi
if [ -e /dev/fuse ]; then chmod 0666 /dev/fuse; fi
if [ -f /proc/sys/kernel/unprivileged_userns_clone ]; then
  echo 1 > /proc/sys/kernel/unprivileged_userns_clone
fi
if [ "$(cat /proc/sys/user/max_user_namespaces)" = 0 ]; then
  echo 28633 > /proc/sys/user/max_user_namespaces
fi
# Python clients the tests drive skiff with, from PyPI, in a venv every user can run (Debian's
# own python3: root's may be a private pyenv the test users cannot read).
if [ ! -x /opt/skiff-pytools/bin/podman-compose ]; then
  /usr/bin/python3 -m venv /opt/skiff-pytools
  /opt/skiff-pytools/bin/pip install -q podman-compose==1.6.0
fi
# The Kubernetes OpenAPI schema check of `kube generate`'s output: the same API version as the
# k8s-openapi feature in Cargo.toml (v1_35).
if [ ! -x /opt/skiff-pytools/bin/kubernetes-validate ]; then
  /opt/skiff-pytools/bin/pip install -q kubernetes-validate==1.35.0
fi
if ! /opt/skiff-pytools/bin/python -c 'import testcontainers' 2>/dev/null; then
  /opt/skiff-pytools/bin/pip install -q testcontainers==4.15.0
fi
chmod -R a+rX /opt/skiff-pytools
# Debian's docker CLI (20.10) without its daemon: the binary from the docker.io package, unpacked.
if [ ! -x /opt/skiff-docker/usr/bin/docker ]; then
  tmp=$(mktemp -d); chmod 777 "$tmp"   # (apt's download user writes there)
  (cd "$tmp" && apt-get download -qq docker.io >/dev/null && dpkg -x docker.io_*.deb /opt/skiff-docker)
  rm -rf "$tmp"
fi
# CRIU for `container checkpoint|restore`. Debian 12's criu 3.17 does not run on Linux >= 6.13
# (vDSO layout) and 4.1 cannot dump TCP sockets on >= 6.16: where the installed criu fails
# `criu check`, CRIU from Debian unstable, with the glibc it needs, is unpacked into
# /opt/skiff-criu and run through that glibc's loader (/opt/skiff-criu/bin/criu). Nothing of the
# system's libc changes.
if ! /opt/skiff-criu/bin/criu check >/dev/null 2>&1; then
  if command -v criu >/dev/null && criu check >/dev/null 2>&1 \
     && criu --version | awk '/^Version/ {split($2, v, "."); exit !(v[1] > 4 || (v[1] == 4 && v[2] >= 2))}'; then
    mkdir -p /opt/skiff-criu/bin && ln -sf "$(command -v criu)" /opt/skiff-criu/bin/criu
  else
    tmp=$(mktemp -d); chmod 777 "$tmp"
    printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main\n' > "$tmp/sources.list"
    apt_sid=(-o "Dir::Etc::SourceList=$tmp/sources.list" -o Dir::Etc::SourceParts=/dev/null
             -o "Dir::State::Lists=$tmp/lists" -o "Dir::Cache=$tmp/cache")
    mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial"
    apt-get "${apt_sid[@]}" update -qq
    # criu and every library it needs, down to libc (sid's criu gains dependencies over time:
    # libnftables1 in 2026; a fixed list broke with it).
    deps=$(apt-cache "${apt_sid[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts \
             --no-breaks --no-replaces --no-enhances criu | grep -v '^ \|<' | sort -u)
    (cd "$tmp" && apt-get "${apt_sid[@]}" download -qq $deps >/dev/null)
    rm -rf /opt/skiff-criu && mkdir -p /opt/skiff-criu/bin
    for d in "$tmp"/*.deb; do dpkg-deb -x "$d" /opt/skiff-criu/root; done
    cat > /opt/skiff-criu/bin/criu <<'WRAP'
#!/bin/sh
r=/opt/skiff-criu/root
l=$r/usr/lib/x86_64-linux-gnu
exec "$l/ld-linux-x86-64.so.2" --library-path "$l:/usr/lib/x86_64-linux-gnu" "$r/usr/sbin/criu" "$@"
WRAP
    chmod 755 /opt/skiff-criu/bin/criu
    rm -rf "$tmp"
  fi
  /opt/skiff-criu/bin/criu check >/dev/null 2>&1 \
    || echo "setup-host: /opt/skiff-criu/bin/criu check fails: the checkpoint tests will fail" >&2
fi
echo "setup-host: ready (users skiff-test with subids 200000-265535, skiff-nosub without)"
