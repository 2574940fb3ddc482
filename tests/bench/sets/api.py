"""The Docker API socket: Debian's docker CLI (20.10) against `skiff system service` and against
`podman system service` (Debian's podman 4.3) in the same run, as the test user. Cases:
`docker run --rm busybox true` through each socket, and `docker ps` with 50 running containers
in each store; and `docker --version` through the same wrapper (runuser, bash, the Go CLI's
start-up), which makes no request: the floor under both. The services' idle RSS (after the runs' setup, no request open) is printed as a
note. Both services run with -t 0 (no idle exit) on a socket in the bench's work dir."""
import os
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
USER = "skiff-test"
DOCKER = "/opt/skiff-docker/usr/bin/docker"


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def start_service(ctx, name, cmd, sock):
    log = os.path.join(ctx.user_dir, f"{name}.log")
    ctx.sh(ctx.as_user(f"nohup {cmd} system service -t 0 unix://{sock} >{log} 2>&1 &"))
    for _ in range(200):
        if os.path.exists(sock):
            break
        time.sleep(0.05)
    else:
        raise SystemExit(f"bench: the {name} service did not start: {open(log).read()}")
    pid = subprocess.run(["pgrep", "-u", USER, "-f", f"system service -t 0 unix://{sock}"],
                         stdout=subprocess.PIPE, text=True).stdout.split()[0]
    return int(pid)


def setup(ctx):
    if not os.path.exists(DOCKER):
        ctx.sh(f"bash {ROOT}/tests/setup-host.sh >/dev/null")
    port = subprocess.run(["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); "
                           "print(s.getsockname()[1])"], stdout=subprocess.PIPE, text=True).stdout.strip()
    ctx.registry_dir = os.path.join(ctx.work, "registry")
    ctx.sh(f"bash {ROOT}/tests/registry.sh start {ctx.registry_dir} {port}")
    ctx.sh(f"python3 {ROOT}/tests/fixtures/build.py --registry 127.0.0.1:{port} "
           f"--out {ctx.work}/fixtures >/dev/null")
    ctx.ref = f"127.0.0.1:{port}/busybox:latest"
    u = ctx.user_dir = os.path.join(ctx.work, "user")
    ctx.sh(f"install -d -o {USER} -m 0755 {u}")
    # podman's API pulls honour registries.conf only: the test registry is plain HTTP.
    conf = f"/home/{USER}/.config/containers/registries.conf"
    os.makedirs(os.path.dirname(conf), exist_ok=True)
    with open(conf, "w") as f:
        f.write(f'[[registry]]\nlocation = "127.0.0.1:{port}"\ninsecure = true\n')
    ctx.sh(f"chown -R {USER}: /home/{USER}/.config")
    ctx.socks = {"skiff": f"{u}/skiff.sock"}
    ctx.pids = {"skiff": start_service(ctx, "skiff", f"{ctx.skiff} --root {u}/s --runroot {u}/sr",
                                       ctx.socks["skiff"])}
    if ctx.has_podman:
        ctx.socks["podman"] = f"{u}/podman.sock"
        ctx.pids["podman"] = start_service(ctx, "podman", f"podman --root {u}/p --runroot {u}/pr",
                                           ctx.socks["podman"])
    ctx.docker = {n: f"DOCKER_HOST=unix://{s} {DOCKER}" for n, s in ctx.socks.items()}
    for name, d in ctx.docker.items():
        ctx.sh(ctx.as_user(f"{d} pull -q {ctx.ref} >/dev/null"))
        ctx.sh(ctx.as_user(f"{d} run --rm {ctx.ref} true"))
    time.sleep(1)
    rss = ", ".join(f"{n} {rss_kib(p) / 1024:.1f} MiB" for n, p in ctx.pids.items())
    ctx.note(f"idle RSS of the API service after a pull and a run: {rss}")
    # The store for `docker ps`: 50 running containers per tool.
    for name, d in ctx.docker.items():
        script = os.path.join(u, f"fill-{name}.sh")
        with open(script, "w") as f:
            f.write(f"for i in $(seq 50); do {d} run -d --name ps$i {ctx.ref} "
                    f"sh -c \"trap 'exit 0' TERM; sleep 100000 & wait\" >/dev/null; done\n")
        os.chmod(script, 0o755)
        ctx.sh(ctx.as_user(f"bash {script}"))
    rss = ", ".join(f"{n} {rss_kib(p) / 1024:.1f} MiB" for n, p in ctx.pids.items())
    ctx.note(f"RSS of the API service with 50 containers made through it: {rss}")
    ctx.note("docker CLI 20.10 (Debian docker.io, no daemon) against each service's socket; "
             "busybox from a local registry, pulled before; podman with cgroups disabled")


def teardown(ctx):
    for name, d in getattr(ctx, "docker", {}).items():
        subprocess.run(ctx.as_user(f"{d} rm -f $({d} ps -aq) >/dev/null 2>&1"), shell=True)
    for pid in getattr(ctx, "pids", {}).values():
        subprocess.run(["kill", str(pid)])
    if ctx.has_podman:
        subprocess.run(ctx.as_user(f"podman unshare rm -rf {ctx.user_dir}/p {ctx.user_dir}/pr"), shell=True)
    subprocess.run(f"bash {ROOT}/tests/registry.sh stop {ctx.registry_dir}", shell=True)


def cases(ctx):
    run = {n: ctx.as_user(f"{d} run --rm {ctx.ref} true") for n, d in ctx.docker.items()}
    ps = {n: ctx.as_user(f"{d} ps >/dev/null") for n, d in ctx.docker.items()}
    # The same list straight from the socket (curl): the services' own part of `docker ps`.
    curl = {n: ctx.as_user(f"curl -sf --unix-socket {s} http://d/v1.41/containers/json -o /dev/null")
            for n, s in ctx.socks.items()}
    # The same wrapper and CLI without a request: what no server can go below.
    floor = {n: ctx.as_user(f"{d} --version >/dev/null") for n, d in ctx.docker.items()}
    return [
        {"name": "docker --version (floor)", "baseline": "skiff", "runs": 20, "interleave": True,
         "commands": floor},
        {"name": "docker run --rm true", "baseline": "skiff", "runs": 10, "interleave": True,
         "commands": run},
        {"name": "docker ps (50 running)", "baseline": "skiff", "runs": 20, "interleave": True,
         "commands": ps},
        {"name": "GET containers/json (curl)", "baseline": "skiff", "runs": 20, "interleave": True,
         "commands": curl},
    ]
