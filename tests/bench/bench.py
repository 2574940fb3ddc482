#!/usr/bin/env python3
"""Side-by-side benchmarks: skiff against podman, crun or a raw pipeline, measured in the same run.

Usage (as root, after tests/setup-host.sh):  python3 tests/bench/bench.py SET [--runs N] [--bin PATH]
SET is a module in tests/bench/sets/ (e.g. `basic`). Every command runs as the unprivileged test user
(skiff-test) through hyperfine; the table shows medians and the ratio to the set's baseline.

Peer setup done here, and said when done: podman gets a containers.conf without cgroups (no
delegation on this machine) and crun gets the hugetlb controller mounted as v1 (it otherwise fails
on the hybrid tree).
"""
import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
USER = "skiff-test"


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=True, check=True, **kw)


def as_user(cmd):
    """A shell command line that runs `cmd` as the test user with a clean login-like env."""
    return f"runuser -u {USER} -- env -i HOME=/home/{USER} PATH=/usr/local/bin:/usr/bin:/bin " \
           f"bash -c {json.dumps(cmd)}"


class Ctx:
    """What a set's setup() gets: paths, the skiff binary, and helpers."""

    def __init__(self, work, skiff):
        self.work = work
        self.skiff = skiff
        self.notes = []
        self.as_user = as_user
        self.sh = sh
        self.podman_netavark = podman_netavark

    def start_registry(self, only_busybox=True):
        """A loopback registry (tests/registry.sh) with the test fixtures pushed (busybox only by
        default) under {work}/fixtures; returns its port. stop_registry() ends it."""
        port = subprocess.run(["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); "
                               "print(s.getsockname()[1])"], stdout=subprocess.PIPE, text=True).stdout.strip()
        self.registry_dir = os.path.join(self.work, "registry")
        sh(f"bash {ROOT}/tests/registry.sh start {self.registry_dir} {port}")
        only = " --only-busybox" if only_busybox else ""
        sh(f"python3 {ROOT}/tests/fixtures/build.py --registry 127.0.0.1:{port} "
           f"--out {self.work}/fixtures{only} >/dev/null")
        return port

    def stop_registry(self):
        if getattr(self, "registry_dir", None):
            subprocess.run(f"bash {ROOT}/tests/registry.sh stop {self.registry_dir}", shell=True)

    def note(self, text):
        self.notes.append(text)
        print(f"bench: {text}", file=sys.stderr)


def setup_podman(ctx):
    if not shutil.which("podman"):
        ctx.note("podman not installed: its column is skipped")
        return False
    conf_dir = f"/home/{USER}/.config/containers"
    os.makedirs(conf_dir, exist_ok=True)
    with open(os.path.join(conf_dir, "containers.conf"), "w") as f:
        f.write('[containers]\ncgroups = "disabled"\n[engine]\ncgroup_manager = "cgroupfs"\n'
                'events_logger = "file"\n')
    sh(f"chown -R {USER}: /home/{USER}/.config")
    # A pause process left from an earlier podman run keeps an old mount namespace in which this
    # run's tmpfs mounts are invisible.
    subprocess.run(["pkill", "-u", USER, "catatonit"])
    # podman 4.3's own pause process ("podman pause") holds the namespace the same way.
    subprocess.run(["pkill", "-9", "-u", USER, "-f", "podman"])
    ctx.note("podman: wrote ~skiff-test/.config/containers/containers.conf with cgroups disabled "
             "(no cgroup delegation here)")
    return True


def podman_netavark():
    """podman's containers.conf for bridge networks with DNS: netavark + aardvark-dns (found only
    with helper_binaries_dir on Debian), no cgroups (none are delegated here)."""
    conf = f"/home/{USER}/.config/containers/containers.conf"
    os.makedirs(os.path.dirname(conf), exist_ok=True)
    with open(conf, "w") as f:
        f.write('[containers]\ncgroups = "disabled"\n[engine]\ncgroup_manager = "cgroupfs"\n'
                'events_logger = "file"\n'
                'helper_binaries_dir = ["/usr/lib/podman", "/usr/libexec/podman"]\n'
                '[network]\nnetwork_backend = "netavark"\n')


def setup_crun(ctx):
    if not shutil.which("crun"):
        ctx.note("crun not installed: its column is skipped")
        return False
    if not os.path.ismount("/sys/fs/cgroup/hugetlb"):
        os.makedirs("/sys/fs/cgroup/hugetlb", exist_ok=True)
        subprocess.run("mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb", shell=True)
        ctx.note("crun: mounted the hugetlb controller as cgroup v1 at /sys/fs/cgroup/hugetlb")
    return True


def hyperfine(name, commands, runs, work, prepare=None):
    out = os.path.join(work, f"{name}.json")
    args = ["hyperfine", "--style", "basic", "--warmup", "2", "--runs", str(runs),
            "--export-json", out]
    if prepare:
        args += ["--prepare", prepare]
    for tool, cmd in commands.items():
        args += ["-n", tool, cmd]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def user_pids():
    """The pids of the test user's live processes (zombies do no work: podman's exited conmon
    waits about a second to be reaped by pid 1 here)."""
    import pwd
    uid = pwd.getpwnam(USER).pw_uid
    pids = set()
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if os.stat(f"/proc/{d}").st_uid != uid:
                    continue
                with open(f"/proc/{d}/stat") as f:
                    state = f.read().rsplit(")", 1)[1].split()[0]
                if state not in ("Z", "X"):
                    pids.add(int(d))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                pass
    return pids


def settle(resident, limit):
    """Wait (at most `limit` s) until the test user runs nothing beyond `resident`; the seconds
    waited."""
    t0 = time.perf_counter()
    while user_pids() - resident and time.perf_counter() - t0 < limit:
        time.sleep(0.001)
    return time.perf_counter() - t0


def balanced_orders(n):
    """Orders of 0..n-1 (a Williams design) in which each tool comes right after each other
    tool equally often: n orders for an even n, 2n for an odd one."""
    first, lo, hi = [0], 1, n - 1
    while len(first) < n:
        first.append(lo)
        lo += 1
        if len(first) < n:
            first.append(hi)
            hi -= 1
    rows = [[(x + i) % n for x in first] for i in range(n)]
    if n % 2:
        rows += [list(reversed(r)) for r in rows]
    return rows


def interleaved(commands, rounds, prepare):
    """Run each tool once per round, alternating, so slow drifts of the machine hit all alike.
    `prepare` maps a tool to a root shell command run (untimed) before each of its runs."""
    import statistics
    import time
    times = {t: [] for t in commands}
    # One untimed round: caches warm, and the processes a tool leaves running on purpose (podman's
    # pause process, skiff's user namespace holder) exist before the snapshot below.
    for tool, cmd in commands.items():
        if prepare.get(tool):
            subprocess.run(prepare[tool], shell=True, check=True)
        subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    settle(set(), 5.0)
    resident = user_pids()
    waited = {t: 0.0 for t in commands}
    names = list(commands)
    orders = balanced_orders(len(names))
    prev = names[-1]
    for k in range(rounds):
        # A new order each round, in which every tool follows every other alike (the kernel's
        # deferred work after one, such as a namespace teardown or a filesystem's discards, must
        # not land on one neighbour; turning one order round would keep each tool's neighbours).
        for tool in (names[i] for i in orders[k % len(orders)]):
            cmd = commands[tool]
            if prepare.get(tool):
                subprocess.run(prepare[tool], shell=True, check=True)
            # What the previous command left working after it returned (podman's conmon runs
            # `podman container cleanup` on its own) is not the next tool's time: wait for it.
            waited[prev] += settle(resident, 2.0)
            prev = tool
            t0 = time.perf_counter()
            r = subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            dt = time.perf_counter() - t0
            if r.returncode != 0 and not tool.startswith("skiff"):
                # A peer's transient failure (runc's "could not ensure we are a cloned binary:
                # Device or resource busy") is said and that run measured again, once.
                print(f"bench: {tool} failed once ({r.returncode}), measured again: "
                      f"{r.stderr.decode()[-300:].strip()}", file=sys.stderr)
                if prepare.get(tool):
                    subprocess.run(prepare[tool], shell=True, check=True)
                t0 = time.perf_counter()
                r = subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                dt = time.perf_counter() - t0
            if r.returncode != 0:
                sys.exit(f"bench: {tool} failed ({r.returncode}): {r.stderr.decode()[-2000:]}")
            times[tool].append(dt)
    for t, w in waited.items():
        if w / rounds > 0.0005:
            print(f"bench: {t}: {w / rounds * 1000:.1f} ms per run spent by processes it left "
                  "behind (waited for before the next command, not counted)", file=sys.stderr)
    return {t: {"median": statistics.median(v), "mean": statistics.mean(v),
                "stddev": statistics.stdev(v) if len(v) > 1 else 0.0, "times": v}
            for t, v in times.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("set")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--bin", help="skiff binary (default: cargo build --release)")
    ap.add_argument("--hold", action="store_true",
                    help="after setup, keep the set's servers up (for profiling) until the "
                    "printed file is removed, then tear down")
    a = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("bench.py: run as root (it switches to the test user itself)")
    if not shutil.which("hyperfine"):
        sh("apt-get install -y -qq hyperfine >/dev/null")

    spec = importlib.util.spec_from_file_location(a.set, os.path.join(HERE, "sets", a.set + ".py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)

    work = tempfile.mkdtemp(prefix="skiff-bench.")
    os.chmod(work, 0o755)
    try:
        src = a.bin
        if not src:
            sh("cargo build --release --locked -q", cwd=ROOT)
            src = os.path.join(ROOT, "target/release/skiff")
        skiff = os.path.join(work, "skiff")
        shutil.copy(src, skiff)
        os.chmod(skiff, 0o755)
        ctx = Ctx(work, skiff)
        ctx.has_podman = setup_podman(ctx)
        ctx.has_crun = setup_crun(ctx)
        if hasattr(mod, "setup"):
            try:
                mod.setup(ctx)
            except BaseException:
                # What the setup started (servers, containers) goes with it.
                if hasattr(mod, "teardown"):
                    try:
                        mod.teardown(ctx)
                    except Exception as e:
                        print(f"bench: teardown after a failed setup: {e}", file=sys.stderr)
                raise
        rows = []
        if a.hold:
            flag = os.path.join(work, "hold")
            open(flag, "w").close()
            print(f"holding: ports {getattr(ctx, 'ports', {})}; skiff as the test user: "
                  f"{getattr(ctx, 'skiff_cmd', skiff)}; rm {flag} to tear down", flush=True)
            while os.path.exists(flag):
                time.sleep(0.5)
            if hasattr(mod, "teardown"):
                mod.teardown(ctx)
            return
        if hasattr(mod, "report"):
            # Throughput sets measure rates themselves: higher is better, ratio to their baseline.
            try:
                rates = mod.report(ctx, a.runs)
            finally:
                if hasattr(mod, "teardown"):
                    mod.teardown(ctx)
            print(f"\n{'case':<28} {'tool':<10} {'value':>12} {'unit':<6}  of direct")
            for name, tool, value, unit, ratio in rates:
                print(f"{name:<28} {tool:<10} {value:>12.1f} {unit:<6}  {ratio * 100:5.1f}%")
            for n in ctx.notes:
                print(f"note: {n}")
            return
        try:
            for case in filter(None, mod.cases(ctx)):
                cmds = {t: c for t, c in case["commands"].items() if c}
                if case.get("interleave"):
                    res = interleaved(cmds, case.get("runs", a.runs), case.get("prepare", {}))
                else:
                    res = hyperfine(case["name"], cmds, case.get("runs", a.runs), work,
                                    case.get("prepare"))
                base = res[case["baseline"]]["median"]
                for tool in cmds:
                    r = res[tool]
                    rows.append((case["name"], tool, r["median"] * 1000, r["mean"] * 1000,
                                 r["stddev"] * 1000 if r["stddev"] else 0.0,
                                 r["median"] / base, case["baseline"]))
        finally:
            if hasattr(mod, "teardown"):
                mod.teardown(ctx)
        print(f"\n{'case':<34} {'tool':<10} {'median ms':>10} {'mean ms':>10} {'sd ms':>8}  ratio")
        for name, tool, med, mean, sd, ratio, base in rows:
            print(f"{name:<34} {tool:<10} {med:>10.2f} {mean:>10.2f} {sd:>8.2f}  "
                  f"{ratio:5.2f}x {base}")
        for n in ctx.notes:
            print(f"note: {n}")
    finally:
        # skiff's user namespace holders of this run's stores (as podman's pause process, they
        # outlive the containers) go with the work dir.
        subprocess.run(["pkill", "-9", "-f", f"{work}.*internal-userns-pause"])
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
