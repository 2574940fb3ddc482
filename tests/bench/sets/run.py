"""Container start-up: `run --rm --network none busybox true`, skiff against podman (same image from
a loopback registry, pulled beforehand) and `crun run` on a prepared rootless bundle of the same
busybox rootfs. All as the unprivileged test user."""
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
USER = "skiff-test"


def setup(ctx):
    port = ctx.start_registry(only_busybox=True)
    ctx.ref = f"127.0.0.1:{port}/busybox:latest"
    ctx.user_dir = os.path.join(ctx.work, "user")
    ctx.sh(f"install -d -o {USER} -m 0755 {ctx.user_dir}")
    u = ctx.user_dir
    ctx.sh(ctx.as_user(f"{ctx.skiff} --root {u}/s --runroot {u}/sr pull -q {ctx.ref} >/dev/null"))
    if ctx.has_podman:
        ctx.sh(ctx.as_user(f"podman --root {u}/p --runroot {u}/pr pull -q --tls-verify=false {ctx.ref} >/dev/null"))
    if ctx.has_crun:
        bundle = f"{u}/bundle"
        layer = json.load(open(f"{ctx.work}/fixtures/fixtures.json"))["busybox"]["layer_digests"][0]
        ctx.sh(ctx.as_user(
            f"mkdir -p {bundle}/rootfs && cd {bundle} && crun spec --rootless && "
            f"curl -sf http://127.0.0.1:{port}/v2/busybox/blobs/{layer} | tar -xz -C rootfs"))
        cfg_path = f"{bundle}/config.json"
        cfg = json.load(open(cfg_path))
        cfg["process"]["terminal"] = False
        cfg["process"]["args"] = ["true"]
        # The same namespaces skiff uses for --network none.
        cfg["linux"]["namespaces"] = [{"type": t} for t in
                                      ["pid", "network", "ipc", "uts", "mount", "user", "cgroup"]]
        json.dump(cfg, open(cfg_path, "w"))
        ctx.bundle = bundle


def teardown(ctx):
    ctx.stop_registry()


def cases(ctx):
    u = ctx.user_dir
    return [{
        "name": "run --rm --network none true",
        "baseline": "skiff",
        "runs": 40,
        "commands": {
            "skiff": ctx.as_user(f"{ctx.skiff} --root {u}/s --runroot {u}/sr run --rm --network none {ctx.ref} true"),
            "podman": ctx.as_user(f"podman --root {u}/p --runroot {u}/pr run --rm --network none {ctx.ref} true")
            if ctx.has_podman else None,
            "crun": ctx.as_user(f"crun --root {u}/crun-state run --bundle {ctx.bundle} bench")
            if ctx.has_crun else None,
            # What runuser + env + bash cost every row: subtract it to compare the tools alone.
            "floor": ctx.as_user("true"),
        },
    }]
