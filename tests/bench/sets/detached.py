"""Detached start and listing: `run -d --rm busybox true` and `ps` with 50 running containers,
skiff against podman (same image from a loopback registry, pulled beforehand), as the test user."""
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
USER = "skiff-test"
N = 50


def setup(ctx):
    port = ctx.start_registry(only_busybox=True)
    ctx.ref = f"127.0.0.1:{port}/busybox:latest"
    u = ctx.user_dir = os.path.join(ctx.work, "user")
    ctx.sh(f"install -d -o {USER} -m 0755 {u}")
    ctx.skiff_cmd = f"{ctx.skiff} --root {u}/s --runroot {u}/sr"
    ctx.podman_cmd = f"podman --root {u}/p --runroot {u}/pr"
    ctx.sh(ctx.as_user(f"{ctx.skiff_cmd} pull -q {ctx.ref} >/dev/null"))
    tools = [ctx.skiff_cmd]
    if ctx.has_podman:
        ctx.sh(ctx.as_user(f"{ctx.podman_cmd} pull -q --tls-verify=false {ctx.ref} >/dev/null"))
        tools.append(ctx.podman_cmd)
    for tool in tools:
        ctx.sh(ctx.as_user(f"for i in $(seq -s ' ' 1 {N}); do {tool} run -d --network none {ctx.ref} sleep 100000 "
                           f">/dev/null || exit 1; done"))
    ctx.note(f"{N} running containers per tool for the ps case")


def teardown(ctx):
    subprocess.run(ctx.as_user(f"{ctx.skiff_cmd} rm -f --all >/dev/null"), shell=True)
    if ctx.has_podman:
        subprocess.run(ctx.as_user(f"{ctx.podman_cmd} rm -f -t 0 --all >/dev/null 2>&1; "
                                   f"podman unshare rm -rf {ctx.user_dir}/p {ctx.user_dir}/pr"), shell=True)
    ctx.stop_registry()


def cases(ctx):
    return [
        {"name": "run -d --rm true", "baseline": "skiff", "runs": 20, "commands": {
            "skiff": ctx.as_user(f"{ctx.skiff_cmd} run -d --rm --network none {ctx.ref} true"),
            "podman": ctx.as_user(f"{ctx.podman_cmd} run -d --rm --network none {ctx.ref} true")
            if ctx.has_podman else None,
        }},
        {"name": f"ps ({N} running)", "baseline": "skiff", "runs": 20, "commands": {
            "skiff": ctx.as_user(f"{ctx.skiff_cmd} ps"),
            "podman": ctx.as_user(f"{ctx.podman_cmd} ps") if ctx.has_podman else None,
        }},
    ]
