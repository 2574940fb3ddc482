"""Shipping an image: the Debian apache2 image (one ~86 MB gzip layer, ~10k entries; built by
tests/fixtures/apache2-rootfs.sh and cached), registries on loopback, stores on tmpfs, interleaved:
  push    = to a registry that has none of it (wiped and restarted before each run, untimed);
            also `skopeo copy containers-storage:` from podman's store
  re-push = the same image again to the same repository (only HEADs and the manifest are needed)
  save    = docker-archive to tmpfs
  load    = that archive into an empty store
skiff against podman (pulled into podman's storage beforehand, its default driver).
  sudo python3 tests/bench/bench.py transport --runs 5
"""
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
USER = "skiff-test"


def free_port():
    return subprocess.run(["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); "
                           "print(s.getsockname()[1])"], stdout=subprocess.PIPE, text=True).stdout.strip()


def setup(ctx):
    layer = subprocess.run(["bash", f"{ROOT}/tests/fixtures/apache2-rootfs.sh"], stdout=subprocess.PIPE,
                           text=True, check=True).stdout.strip()
    port = free_port()
    ctx.registry_dir = os.path.join(ctx.work, "registry")
    ctx.sh(f"bash {ROOT}/tests/registry.sh start {ctx.registry_dir} {port}")
    ctx.sh(f"python3 {ROOT}/tests/fixtures/build.py --registry 127.0.0.1:{port} --out {ctx.work}/fixtures "
           f"--only-busybox --apache2 {layer} >/dev/null")
    ctx.ref = f"127.0.0.1:{port}/apache2:latest"
    # The push target: a second registry, wiped before each push.
    ctx.dest_port = free_port()
    ctx.dest_dir = os.path.join(ctx.work, "dest")
    ctx.sh(f"bash {ROOT}/tests/registry.sh start {ctx.dest_dir} {ctx.dest_port}")
    ctx.tmpfs = os.path.join(ctx.work, "tmpfs")
    os.makedirs(ctx.tmpfs)
    ctx.sh(f"mount -t tmpfs -o size=8g,mode=0755 tmpfs {ctx.tmpfs}")
    t = ctx.tmpfs
    ctx.sh(f"install -d -o {USER} {t}/s {t}/p {t}/out")
    ctx.skiff_cmd = f"{ctx.skiff} --root {t}/s/root --runroot {t}/s/run"
    ctx.podman_cmd = f"podman --root {t}/p/root --runroot {t}/p/run "
    ctx.sh(ctx.as_user(f"{ctx.skiff_cmd} pull -q {ctx.ref} >/dev/null"))
    if ctx.has_podman:
        ctx.sh(ctx.as_user(f"{ctx.podman_cmd} pull -q --tls-verify=false {ctx.ref} >/dev/null"))
        driver = subprocess.run(ctx.as_user(f"{ctx.podman_cmd} info --format '{{{{.Store.GraphDriverName}}}}'"),
                                shell=True, stdout=subprocess.PIPE, text=True).stdout.strip() or "overlay"
        # skopeo reads podman's store from inside podman's user namespace.
        ctx.skopeo_src = f"containers-storage:[{driver}@{t}/p/root+{t}/p/run]{ctx.ref}"
        ctx.has_skopeo = subprocess.run("command -v skopeo", shell=True,
                                        stdout=subprocess.DEVNULL).returncode == 0
        ctx.note(f"skopeo copies from podman's store ({driver}) through `podman unshare`")
    ctx.sh(ctx.as_user(f"{ctx.skiff_cmd} save -o {t}/out/image.tar {ctx.ref}"))
    ctx.note("image: Debian bookworm + apache2, one layer (~86 MB gzip); stores on tmpfs")


def teardown(ctx):
    subprocess.run(f"bash {ROOT}/tests/registry.sh stop {ctx.registry_dir}", shell=True)
    subprocess.run(f"bash {ROOT}/tests/registry.sh stop {ctx.dest_dir}", shell=True)
    subprocess.run(f"umount -l {ctx.tmpfs}", shell=True)


def cases(ctx):
    t = ctx.tmpfs
    dest = f"127.0.0.1:{ctx.dest_port}"
    wipe = (f"bash {ROOT}/tests/registry.sh stop {ctx.dest_dir} >/dev/null; "
            f"rm -rf {ctx.dest_dir}/storage; "
            f"bash {ROOT}/tests/registry.sh start {ctx.dest_dir} {ctx.dest_port} >/dev/null")
    podman = ctx.has_podman
    fresh_store = lambda d: f"rm -rf {d} && install -d -o {USER} {d}"
    return [
        {"name": "push (empty registry)", "baseline": "podman" if podman else "skiff",
         "interleave": True, "runs": 5,
         "prepare": {"skiff": wipe, "podman": wipe, "skopeo": wipe},
         "commands": {
             "skiff": ctx.as_user(f"{ctx.skiff_cmd} push -q {ctx.ref} {dest}/app:v1 >/dev/null"),
             "podman": ctx.as_user(f"{ctx.podman_cmd} push -q --tls-verify=false {ctx.ref} "
                                   f"{dest}/app:v1") if podman else None,
             "skopeo": ctx.as_user(f"{ctx.podman_cmd} unshare skopeo copy -q --dest-tls-verify=false "
                                   f"'{ctx.skopeo_src}' docker://{dest}/app:v1")
             if podman and ctx.has_skopeo else None,
         }},
        {"name": "re-push unchanged", "baseline": "podman" if podman else "skiff",
         "interleave": True, "runs": 10,
         "commands": {
             "skiff": ctx.as_user(f"{ctx.skiff_cmd} push -q {ctx.ref} {dest}/same:v1 >/dev/null"),
             "podman": ctx.as_user(f"{ctx.podman_cmd} push -q --tls-verify=false {ctx.ref} "
                                   f"{dest}/same:v1") if podman else None,
         }},
        {"name": "save docker-archive", "baseline": "podman" if podman else "skiff",
         "interleave": True, "runs": 5,
         "prepare": {"skiff": f"rm -f {t}/out/s.tar", "podman": f"rm -f {t}/out/p.tar"},
         "commands": {
             "skiff": ctx.as_user(f"{ctx.skiff_cmd} save -o {t}/out/s.tar {ctx.ref}"),
             "podman": ctx.as_user(f"{ctx.podman_cmd} save -q -o {t}/out/p.tar {ctx.ref}")
             if podman else None,
         }},
        {"name": "load docker-archive", "baseline": "podman" if podman else "skiff",
         "interleave": True, "runs": 5,
         "prepare": {"skiff": fresh_store(f"{t}/ls"), "podman": fresh_store(f"{t}/lp")},
         "commands": {
             "skiff": ctx.as_user(f"{ctx.skiff} --root {t}/ls/root --runroot {t}/ls/run load -q "
                                  f"-i {t}/out/image.tar"),
             "podman": ctx.as_user(f"podman --root {t}/lp/root --runroot {t}/lp/run "
                                   f"load -q -i {t}/out/image.tar") if podman else None,
         }},
    ]
