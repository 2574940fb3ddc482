"""Image builds, skiff against `podman build` (buildah 1.28), same base image (busybox from a loopback
registry, pulled beforehand), same Containerfiles, stores on tmpfs, interleaved:
  (a) run-cold   = 10 RUN steps, --no-cache
  (b) rebuild    = the same, nothing changed (everything cached)
  (c) copy-cold  = COPY of a 75 MB tree of 3,700 files (buildah#1714's case), --no-cache
  (d) copy-edit  = (c) after one source file changed: only the steps from that COPY on run again
  sudo python3 tests/bench/bench.py build --runs 5
"""
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
USER = "skiff-test"


def setup(ctx):
    port = ctx.start_registry(only_busybox=True)
    base = f"127.0.0.1:{port}/busybox:latest"
    ctx.tmpfs = os.path.join(ctx.work, "tmpfs")
    os.makedirs(ctx.tmpfs)
    ctx.sh(f"mount -t tmpfs -o size=8g,mode=0755 tmpfs {ctx.tmpfs}")
    t = ctx.tmpfs
    ctx.sh(f"install -d -o {USER} {t}/s {t}/p {t}/run {t}/copy {t}/copy/tree")
    # (a)/(b): ten RUN steps.
    runs = "".join(f"RUN echo step {i} > /step{i} && sleep 0.05\n" for i in range(10))
    with open(f"{t}/run/Containerfile", "w") as f:
        f.write(f"FROM {base}\n{runs}CMD [\"cat\", \"/step9\"]\n")
    # (c)/(d): 3,700 files of ~20 KB (75 MB) in 37 dirs, then a RUN over them.
    for d in range(37):
        os.makedirs(f"{t}/copy/tree/d{d}")
        for i in range(100):
            with open(f"{t}/copy/tree/d{d}/f{i}.bin", "wb") as f:
                f.write(os.urandom(20 * 1024))
    with open(f"{t}/copy/Containerfile", "w") as f:
        f.write(f"FROM {base}\nCOPY tree/ /data/\nRUN ls -R /data | wc -l > /count\n")
    ctx.sh(f"chown -R {USER}: {t}/run {t}/copy")
    ctx.skiff_cmd = f"{ctx.skiff} --root {t}/s/root --runroot {t}/s/run"
    ctx.podman_cmd = f"podman --root {t}/p/root --runroot {t}/p/run"
    ctx.sh(ctx.as_user(f"{ctx.skiff_cmd} pull -q {base} >/dev/null"))
    if ctx.has_podman:
        ctx.sh(ctx.as_user(f"{ctx.podman_cmd} pull -q --tls-verify=false {base} >/dev/null"))
    # warm both caches for (b)
    ctx.sh(ctx.as_user(f"{ctx.skiff_cmd} build -q -t r {t}/run >/dev/null"))
    if ctx.has_podman:
        ctx.sh(ctx.as_user(f"{ctx.podman_cmd} build -q -t r {t}/run >/dev/null"))
    ctx.note("75 MB / 3,700-file COPY tree and 10-RUN file on tmpfs; base busybox from a loopback registry")


def teardown(ctx):
    ctx.stop_registry()
    subprocess.run(f"umount -l {ctx.tmpfs}", shell=True)


def cases(ctx):
    t = ctx.tmpfs
    podman = ctx.has_podman
    base = "podman" if podman else "skiff"
    edit = f"date +%s%N > {t}/copy/tree/d0/f0.bin"

    def both(args, d):
        return {
            "skiff": ctx.as_user(f"{ctx.skiff_cmd} build -q {args} {d} >/dev/null"),
            "podman": ctx.as_user(f"{ctx.podman_cmd} build -q {args} {d} >/dev/null") if podman else None,
        }
    return [
        {"name": "(a) 10 RUN steps, cold", "baseline": base, "interleave": True, "runs": 5,
         "commands": both("--no-cache -t r", f"{t}/run")},
        {"name": "(b) rebuild, unchanged", "baseline": base, "interleave": True, "runs": 10,
         "commands": both("-t r", f"{t}/run")},
        {"name": "(c) COPY 75 MB/3.7k files, cold", "baseline": base, "interleave": True, "runs": 5,
         "commands": both("--no-cache -t c", f"{t}/copy")},
        {"name": "(d) one copied file changed", "baseline": base, "interleave": True, "runs": 5,
         "prepare": {"skiff": edit, "podman": edit},
         "commands": both("-t c", f"{t}/copy")},
    ]
