"""kube play and kube down of a two-container pod (busybox from the local registry, pulled before:
imagePullPolicy IfNotPresent), skiff against Debian's podman 4.3 in the same run, as the test user.
Each play is preceded (untimed) by a down and each down by a play; interleaved rounds. The
containers exit on SIGTERM, so neither tool waits out a grace period. Both play on their
default kube network (podman 4.3: the default network; skiff: podman-default-kube-network)."""
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
USER = "skiff-test"

POD = """apiVersion: v1
kind: Pod
metadata:
  name: benchpod
spec:
  containers:
  - name: one
    image: {ref}
    imagePullPolicy: IfNotPresent
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 100000 & wait"]
  - name: two
    image: {ref}
    imagePullPolicy: IfNotPresent
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 100000 & wait"]
"""


def setup(ctx):
    port = ctx.start_registry(only_busybox=False)
    ctx.ref = f"127.0.0.1:{port}/busybox:latest"
    u = ctx.user_dir = os.path.join(ctx.work, "user")
    ctx.sh(f"install -d -o {USER} -m 0755 {u}")
    ctx.yaml = os.path.join(u, "pod.yaml")
    with open(ctx.yaml, "w") as f:
        f.write(POD.format(ref=ctx.ref))
    os.chmod(ctx.yaml, 0o644)
    ctx.skiff_cmd = f"{ctx.skiff} --root {u}/s --runroot {u}/sr"
    ctx.podman_cmd = f"podman --root {u}/p --runroot {u}/pr"
    tools = {"skiff": ctx.skiff_cmd}
    if ctx.has_podman:
        ctx.podman_netavark()
        tools["podman"] = ctx.podman_cmd
    ctx.tools = tools
    for name, tool in tools.items():
        tls = " --tls-verify=false" if name == "podman" else ""
        ctx.sh(ctx.as_user(f"{tool} pull -q{tls} {ctx.ref} >/dev/null"))
        # One play and down first: podman builds its pause image, skiff makes its kube network.
        ctx.sh(ctx.as_user(f"{tool} kube play {ctx.yaml} >/dev/null && {tool} kube down {ctx.yaml} >/dev/null"))
    ctx.note("a Pod of two busybox containers (sh waiting on sleep, exit on SIGTERM); images pulled "
             "before; one warm-up play+down per tool")


def teardown(ctx):
    for name, tool in ctx.tools.items():
        subprocess.run(ctx.as_user(f"{tool} kube down {ctx.yaml} >/dev/null 2>&1; {tool} pod rm -f --all "
                                   f">/dev/null 2>&1"), shell=True)
    if ctx.has_podman:
        subprocess.run(ctx.as_user(f"podman unshare rm -rf {ctx.user_dir}/p {ctx.user_dir}/pr"), shell=True)
    ctx.stop_registry()


def cases(ctx):
    play = {n: ctx.as_user(f"{t} kube play {ctx.yaml} >/dev/null") for n, t in ctx.tools.items()}
    down = {n: ctx.as_user(f"{t} kube down {ctx.yaml} >/dev/null") for n, t in ctx.tools.items()}
    # Each tool's down before its play and its play before its down, untimed.
    return [
        {"name": "kube play (2-container pod)", "baseline": "skiff", "runs": 10, "interleave": True,
         "commands": play, "prepare": {n: c + " 2>/dev/null || true" for n, c in down.items()}},
        {"name": "kube down (2-container pod)", "baseline": "skiff", "runs": 10, "interleave": True,
         "commands": down, "prepare": {n: down[n] + " 2>/dev/null; " + play[n] for n in down}},
    ]
