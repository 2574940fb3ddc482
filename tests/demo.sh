#!/usr/bin/env bash
# The main job, end to end, on a fresh Debian 12 machine (as root or via sudo):
# set up the host, build skiff, build a real httpd image from Debian's apache2 (debootstrap, shaped
# like the official `httpd` image), push it to a local registry, and as an unprivileged user run
# `skiff run -d -p 8080:80 httpd` and fetch "It works!" with curl from the host; then build an
# image of our own on top of it, run it, and push it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then exec sudo -E bash "$0" "$@"; fi

bash tests/setup-host.sh
apache2_layer=$(bash tests/fixtures/apache2-rootfs.sh)
echo "demo: building skiff (release)"
cargo build --release --locked -q

work=$(mktemp -d /tmp/skiff-demo.XXXXXX)
chmod 0755 "$work"
cleanup() { bash tests/registry.sh stop "$work/registry" || true; rm -rf "$work"; }
trap cleanup EXIT
install -m 0755 target/release/skiff "$work/skiff"
install -d -o skiff-test -m 0700 "$work/user"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
bash tests/registry.sh start "$work/registry" "$port"
python3 tests/fixtures/build.py --registry "127.0.0.1:$port" --out "$work/fixtures" --only-busybox \
  --apache2 "$apache2_layer" --apache2-repo httpd

as_user() { runuser -u skiff-test -- env -i HOME=/home/skiff-test PATH=/usr/bin:/bin "$@"; }
echo "demo: skiff info (as skiff-test)"
as_user "$work/skiff" --root "$work/user/store" --runroot "$work/user/run" info

echo "demo: skiff pull 127.0.0.1:$port/httpd (as skiff-test)"
as_user "$work/skiff" --root "$work/user/store" --runroot "$work/user/run" pull "127.0.0.1:$port/httpd"
as_user "$work/skiff" --root "$work/user/store" --runroot "$work/user/run" images

sk() { as_user "$work/skiff" --root "$work/user/store" --runroot "$work/user/run" "$@"; }
# (The store's user namespace holder outlives the containers, as podman's pause process: it goes
# with the demo's store.)
trap 'sk rm -f --all >/dev/null 2>&1 || true; pkill -f "$work/user/run internal-userns-pause" || true; cleanup' EXIT

echo "demo: skiff run -d -p 8080:80 127.0.0.1:$port/httpd (as skiff-test)"
sk run -d --name web -p 8080:80 "127.0.0.1:$port/httpd"
sk ps
sk port web
echo "demo: curl http://localhost:8080/"
for _ in $(seq 50); do
  if page=$(curl -fsS http://localhost:8080/ 2>/dev/null); then break; fi
  sleep 0.1
done
echo "$page" | grep -o '<title>.*</title>' || true
case "$page" in
  *"It works!"*) ;;
  *) echo "demo: FAILED: the page did not come through port 8080" >&2; exit 1 ;;
esac
sk logs web
echo "demo: skiff stop web (its stop signal: SIGWINCH, apache's graceful stop)"
sk stop web
sk ps -a
sk rm web

echo "demo: a developer's loop: skiff build (our own page on top of httpd), run it, push it"
mkdir -p "$work/app"
printf 'FROM 127.0.0.1:%s/httpd\nCOPY index.html /var/www/html/index.html\n' "$port" > "$work/app/Containerfile"
echo '<html><body><h1>Built by skiff</h1></body></html>' > "$work/app/index.html"
chown -R skiff-test "$work/app"
sk build -t "127.0.0.1:$port/mysite:v1" "$work/app"
sk run -d --name site -p 8081:80 "127.0.0.1:$port/mysite:v1"
for _ in $(seq 50); do
  if page=$(curl -fsS http://localhost:8081/ 2>/dev/null); then break; fi
  sleep 0.1
done
case "$page" in
  *"Built by skiff"*) echo "demo: curl http://localhost:8081/ -> Built by skiff" ;;
  *) echo "demo: FAILED: the built page did not come through port 8081" >&2; exit 1 ;;
esac
sk push "127.0.0.1:$port/mysite:v1"
sk rm -f site
echo "demo: ok"
