"""No-regression check: this tree's skiff against an earlier skiff (SKIFF_BASE=/path/to/skiff, e.g.
a release build of the commit an issue was filed at) on the commands whose start-up cost users
feel: `run --rm --network none true`, `ps -a` (10 containers), `version`. Runs are interleaved
(old, new, old, ...) so that drifts of the machine hit both alike.

  git worktree add /tmp/base REV && (cd /tmp/base && cargo build --release)
  SKIFF_BASE=/tmp/base/target/release/skiff python3 tests/bench/bench.py regress --runs 150
"""
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
USER = "skiff-test"


def setup(ctx):
    base = os.environ.get("SKIFF_BASE")
    if not base or not os.path.exists(base):
        sys.exit("regress: set SKIFF_BASE to the skiff binary to compare with (see the set's doc)")
    ctx.base = os.path.join(ctx.work, "skiff-base")
    shutil.copy(base, ctx.base)
    os.chmod(ctx.base, 0o755)
    port = subprocess.run(["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); "
                           "print(s.getsockname()[1])"], stdout=subprocess.PIPE, text=True).stdout.strip()
    ctx.registry_dir = os.path.join(ctx.work, "registry")
    ctx.sh(f"bash {ROOT}/tests/registry.sh start {ctx.registry_dir} {port}")
    ctx.sh(f"python3 {ROOT}/tests/fixtures/build.py --registry 127.0.0.1:{port} "
           f"--out {ctx.work}/fixtures --only-busybox >/dev/null")
    ctx.ref = f"127.0.0.1:{port}/busybox:latest"
    ctx.user_dir = os.path.join(ctx.work, "user")
    ctx.sh(f"install -d -o {USER} -m 0755 {ctx.user_dir}")
    u = ctx.user_dir
    for name, binary in (("new", ctx.skiff), ("base", ctx.base)):
        store = f"--root {u}/{name} --runroot {u}/{name}-run"
        ctx.sh(ctx.as_user(f"{binary} {store} pull -q {ctx.ref} >/dev/null"))
        for i in range(10):
            ctx.sh(ctx.as_user(f"{binary} {store} create --name c{i} {ctx.ref} true >/dev/null"))


def teardown(ctx):
    subprocess.run(f"bash {ROOT}/tests/registry.sh stop {ctx.registry_dir}", shell=True)


def cases(ctx):
    u = ctx.user_dir

    def both(args):
        return {
            "base": ctx.as_user(f"{ctx.base} --root {u}/base --runroot {u}/base-run {args}"),
            "skiff": ctx.as_user(f"{ctx.skiff} --root {u}/new --runroot {u}/new-run {args}"),
        }
    return [
        {"name": "run --rm --network none", "baseline": "base", "interleave": True,
         "commands": both(f"run --rm --network none {ctx.ref} true")},
        {"name": "ps -a (10 containers)", "baseline": "base", "interleave": True,
         "commands": both("ps -a")},
        {"name": "version", "baseline": "base", "interleave": True,
         "commands": both("version")},
    ]
