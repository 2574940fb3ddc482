"""The OCI runtime: `skiff-runtime run` against `crun run` and `runc run` on the same prepared
bundle (busybox rootfs from a loopback registry, `true` as the process), rootless (as the test
user, a user namespace mapping that user to root) and as root; and the whole `skiff run --rm
--network none busybox true` against podman and crun's bundle run. Interleaved (one run of each
tool per round): a tool measured right after another's burst pays for its deferred work
(network namespaces are torn down by a kernel worker), which skewed whole series by 1.5-2x.

The runtimes' state (crun/runc/skiff-runtime `--root`, skiff's and podman's `--runroot`) lives
on a tmpfs, as it does on a real machine (/run, $XDG_RUNTIME_DIR); the stores (`--root`) on the
disk. One more row runs `skiff run --rm` and podman with the runroot on the disk too (this
machine's ext4 discards every freed block synchronously, so each state file costs ~0.1 ms)."""
import json
import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
USER = "skiff-test"
NAMESPACES = ["pid", "network", "ipc", "uts", "mount", "cgroup"]


def subids(path):
    """The test user's first subordinate range in /etc/subuid or /etc/subgid."""
    for line in open(path):
        name, start, count = line.strip().split(":")
        if name == USER:
            return int(start), int(count)
    return None


def bundle(ctx, path, layer_url, rootless, full_maps=False):
    spec = "crun spec --rootless" if rootless else "crun spec"
    cmd = f"mkdir -p {path}/rootfs && cd {path} && {spec} && curl -sf {layer_url} | tar -xz -C rootfs"
    ctx.sh(ctx.as_user(cmd) if rootless else cmd)
    cfg_path = f"{path}/config.json"
    cfg = json.load(open(cfg_path))
    cfg["process"]["terminal"] = False
    cfg["process"]["args"] = ["true"]
    ns = NAMESPACES + (["user"] if rootless else [])
    cfg["linux"]["namespaces"] = [{"type": t} for t in ns]
    if rootless:
        # crun fills in the caller's ids itself; runc and skiff-runtime take them from the config.
        import pwd
        u = pwd.getpwnam(USER)
        cfg["linux"]["uidMappings"] = [{"containerID": 0, "hostID": u.pw_uid, "size": 1}]
        cfg["linux"]["gidMappings"] = [{"containerID": 0, "hostID": u.pw_gid, "size": 1}]
        if full_maps:
            # As `skiff run` maps the user: root = the user, 1.. = its subordinate range (the
            # runtimes write such maps through the setuid newuidmap/newgidmap).
            for key, f in (("uidMappings", "/etc/subuid"), ("gidMappings", "/etc/subgid")):
                start, count = subids(f)
                cfg["linux"][key].append({"containerID": 1, "hostID": start, "size": count})
    # No cgroup work for any of them: the rootless user has no delegation here.
    cfg["linux"].pop("resources", None)
    json.dump(cfg, open(cfg_path, "w"))


def setup(ctx):
    port = ctx.start_registry(only_busybox=True)
    ctx.ref = f"127.0.0.1:{port}/busybox:latest"
    ctx.user_dir = u = os.path.join(ctx.work, "user")
    ctx.sh(f"install -d -o {USER} -m 0755 {u}")
    ctx.run_dir = r = os.path.join(ctx.work, "run")
    ctx.sh(f"install -d -m 0755 {r} && mount -t tmpfs -o mode=0755 bench-run {r} && "
           f"install -d -o {USER} -m 0700 {r}/user")
    ctx.runtime = os.path.join(ctx.work, "skiff-runtime")
    os.symlink(ctx.skiff, ctx.runtime)
    ctx.sh(ctx.as_user(f"{ctx.skiff} --root {u}/s --runroot {u}/sr pull -q {ctx.ref} >/dev/null"))
    if ctx.has_podman:
        # A store per runroot: podman refuses a store used before with another runroot.
        for store, run in ((f"{u}/p", f"{r}/user/pr"), (f"{u}/p-disk", f"{u}/pr")):
            ctx.sh(ctx.as_user(f"podman --root {store} --runroot {run} pull -q --tls-verify=false "
                               f"{ctx.ref} >/dev/null"))
    layer = json.load(open(f"{ctx.work}/fixtures/fixtures.json"))["busybox"]["layer_digests"][0]
    url = f"http://127.0.0.1:{port}/v2/busybox/blobs/{layer}"
    bundle(ctx, f"{u}/bundle", url, True)
    ctx.full_maps = subids("/etc/subuid") is not None and subids("/etc/subgid") is not None
    if ctx.full_maps:
        bundle(ctx, f"{u}/bundle-maps", url, True, full_maps=True)
    else:
        ctx.note(f"{USER} has no subordinate ids: the cases with skiff's id maps are skipped")
    ctx.root_bundle = os.path.join(ctx.work, "root-bundle")
    bundle(ctx, ctx.root_bundle, url, False)
    ctx.has_runc = shutil.which("runc") is not None
    if not ctx.has_runc:
        ctx.note("runc not installed: its column is skipped")


def teardown(ctx):
    ctx.stop_registry()
    if getattr(ctx, "run_dir", None):
        # What a runtime left mounted under its state goes first.
        subprocess.run(f"umount -R {ctx.run_dir}", shell=True)


def cases(ctx):
    u = ctx.user_dir
    rb = ctx.root_bundle
    r = ctx.run_dir
    ur = f"{r}/user"
    return [{
        "name": "bundle run, rootless",
        "baseline": "crun",
        "runs": 40,
        "interleave": True,
        "commands": {
            "skiff-rt": ctx.as_user(f"{ctx.runtime} --root {ur}/skiff-state run --bundle {u}/bundle bench"),
            "crun": ctx.as_user(f"crun --root {ur}/crun-state run --bundle {u}/bundle bench") if ctx.has_crun else None,
            "runc": ctx.as_user(f"runc --root {ur}/runc-state run --bundle {u}/bundle bench") if ctx.has_runc else None,
            "floor": ctx.as_user("true"),
        },
    }, {
        "name": "bundle run, rootless, subid maps",
        "baseline": "crun",
        "runs": 40,
        "interleave": True,
        "commands": {
            "skiff-rt": ctx.as_user(f"{ctx.runtime} --root {ur}/skiff-state run --bundle {u}/bundle-maps bench"),
            "crun": ctx.as_user(f"crun --root {ur}/crun-state run --bundle {u}/bundle-maps bench") if ctx.has_crun else None,
            "runc": ctx.as_user(f"runc --root {ur}/runc-state run --bundle {u}/bundle-maps bench") if ctx.has_runc else None,
        },
    } if ctx.full_maps else None, {
        "name": "bundle run, root",
        "baseline": "crun",
        "runs": 40,
        "interleave": True,
        "commands": {
            "skiff-rt": f"{ctx.runtime} --root {r}/skiff-root-state run --bundle {rb} bench",
            "crun": f"crun --root {r}/crun-root-state run --bundle {rb} bench" if ctx.has_crun else None,
            "runc": f"runc --root {r}/runc-root-state run --bundle {rb} bench" if ctx.has_runc else None,
        },
    }, {
        "name": "run --rm --network none",
        "baseline": "skiff",
        "runs": 40,
        "interleave": True,
        "commands": {
            "skiff": ctx.as_user(f"{ctx.skiff} --root {u}/s --runroot {ur}/sr run --rm --network none {ctx.ref} true"),
            "podman": ctx.as_user(f"podman --root {u}/p --runroot {ur}/pr run --rm --network none {ctx.ref} true")
            if ctx.has_podman else None,
            "crun": ctx.as_user(f"crun --root {ur}/crun-state run --bundle {u}/bundle bench") if ctx.has_crun else None,
            # The same id maps as skiff's container: the runtime part of the same work.
            "crun-maps": ctx.as_user(f"crun --root {ur}/crun-state run --bundle {u}/bundle-maps bench")
            if ctx.has_crun and ctx.full_maps else None,
            "floor": ctx.as_user("true"),
        },
    }, {
        "name": "run --rm, runroot on disk",
        "baseline": "skiff",
        "runs": 40,
        "interleave": True,
        "commands": {
            "skiff": ctx.as_user(f"{ctx.skiff} --root {u}/s --runroot {u}/sr run --rm --network none {ctx.ref} true"),
            "podman": ctx.as_user(f"podman --root {u}/p-disk --runroot {u}/pr run --rm --network none {ctx.ref} true")
            if ctx.has_podman else None,
        },
    }]
