"""Pull of a ~230 MB / ~11k-file, 2-layer Debian image (debootstrap minbase + python3, perl, git,
binutils; gzip -6: ~94 MB) from a loopback registry, store and targets on tmpfs, interleaved:
  raw    = both layers `curl blob | gzip -dc | tar -x` in parallel (no digest check, no chown)
  skiff  = skiff pull (verifies digests, unpacks in the user namespace with owners)
  podman = podman pull --tls-verify=false
The rootfs is built once with debootstrap and cached in /var/tmp/skiff-bench.
"""
import gzip
import hashlib
import importlib.util
import json
import os
import subprocess

CACHE = "/var/tmp/skiff-bench"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
PACKAGES = "python3,perl,git,binutils"


def _build_rootfs(ctx):
    rootfs = os.path.join(CACHE, "rootfs")
    if os.path.isdir(rootfs):
        return rootfs
    os.makedirs(CACHE, exist_ok=True)
    if subprocess.run("command -v debootstrap", shell=True, stdout=subprocess.DEVNULL).returncode:
        ctx.sh("apt-get install -y -qq debootstrap >/dev/null")
    ctx.note(f"building the bench rootfs with debootstrap into {rootfs} (once)")
    tmp = rootfs + ".tmp"
    ctx.sh(f"rm -rf {tmp} && debootstrap --variant=minbase --include={PACKAGES} bookworm {tmp} "
           f"http://deb.debian.org/debian >/dev/null")
    ctx.sh(f"cd {tmp} && rm -rf var/cache/apt/* var/lib/apt/lists/* usr/share/locale/*")
    os.rename(tmp, rootfs)
    return rootfs


def _layers(ctx, rootfs):
    """Two layers: usr/lib, and everything else. Cached as .tar.gz with their diff ids."""
    meta = os.path.join(CACHE, "layers.json")
    if os.path.exists(meta):
        return json.load(open(meta))
    out = []
    for name, args in [("rest", "--exclude=./usr/lib ."), ("usrlib", "./usr/lib")]:
        path = os.path.join(CACHE, f"{name}.tar.gz")
        ctx.sh(f"tar --numeric-owner -C {rootfs} -cf - {args} | gzip -6 -n > {path}")
        h = hashlib.sha256()
        with gzip.open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        out.append({"path": path, "diff_id": "sha256:" + h.hexdigest()})
    json.dump(out, open(meta, "w"))
    return out


def setup(ctx):
    spec = importlib.util.spec_from_file_location("build", os.path.join(ROOT, "tests/fixtures/build.py"))
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    rootfs = _build_rootfs(ctx)
    layers = _layers(ctx, rootfs)
    port = subprocess.run(["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); "
                           "print(s.getsockname()[1])"], stdout=subprocess.PIPE, text=True).stdout.strip()
    ctx.registry_dir = os.path.join(ctx.work, "registry")
    ctx.sh(f"bash {ROOT}/tests/registry.sh start {ctx.registry_dir} {port}")
    reg = build.Registry(f"127.0.0.1:{port}")
    descs = []
    for l in layers:
        blob = open(l["path"], "rb").read()
        descs.append({"mediaType": build.OCI_LAYER_GZIP, "digest": reg.push_blob("bench", blob),
                      "size": len(blob)})
    config = build.config_json([l["diff_id"] for l in layers], Cmd=["bash"])
    cdesc = {"mediaType": build.OCI_CONFIG, "digest": reg.push_blob("bench", config), "size": len(config)}
    manifest = json.dumps({"schemaVersion": 2, "mediaType": build.OCI_MANIFEST, "config": cdesc,
                           "layers": descs}).encode()
    reg.push_manifest("bench", "latest", build.OCI_MANIFEST, manifest)
    ctx.urls = [f"http://127.0.0.1:{port}/v2/bench/blobs/{d['digest']}" for d in descs]
    ctx.ref = f"127.0.0.1:{port}/bench:latest"
    sizes = [d["size"] for d in descs]
    ctx.note(f"image: 2 layers, {sum(sizes) / 1e6:.1f} MB gzip; rootfs "
             + subprocess.run(f"du -s --apparent-size -BM {rootfs} | cut -f1; find {rootfs} | wc -l",
                              shell=True, stdout=subprocess.PIPE, text=True).stdout.replace("\n", " ")
             + "files")
    ctx.tmpfs = os.path.join(ctx.work, "tmpfs")
    os.makedirs(ctx.tmpfs)
    ctx.sh(f"mount -t tmpfs -o size=8g,mode=0755 tmpfs {ctx.tmpfs}")
    ctx.note("store and extraction targets on tmpfs")


def teardown(ctx):
    subprocess.run(f"bash {ROOT}/tests/registry.sh stop {ctx.registry_dir}", shell=True)
    subprocess.run(f"umount -l {ctx.tmpfs}", shell=True)


def cases(ctx):
    t = ctx.tmpfs
    user = "skiff-test"
    fresh = lambda d: f"rm -rf {d} && mkdir -p {d} && chown {user}: {d}"
    raw = (f"cd {t}/raw && mkdir l1 l2 && "
           f"(curl -sf {ctx.urls[0]} | gzip -dc | tar -x -C l1) & p1=$!; "
           f"(curl -sf {ctx.urls[1]} | gzip -dc | tar -x -C l2) & p2=$!; "
           f"wait $p1 && wait $p2")
    return [{
        "name": "pull 2 layers (tmpfs)",
        "baseline": "raw",
        "interleave": True,
        "runs": 7,
        "prepare": {
            "raw": fresh(f"{t}/raw"),
            "skiff": fresh(f"{t}/s"),
            "podman": fresh(f"{t}/p"),
        },
        "commands": {
            "raw": ctx.as_user(raw),
            "skiff": ctx.as_user(f"{ctx.skiff} --root {t}/s/root --runroot {t}/s/run pull -q {ctx.ref}"),
            "podman": ctx.as_user(f"podman --root {t}/p/root --runroot {t}/p/run pull -q "
                                  f"--tls-verify=false {ctx.ref}") if ctx.has_podman else None,
        },
    }]
