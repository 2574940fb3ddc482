"""Published-port throughput: nginx (from Debian's nginx-light, copied with its libraries into an
image built here on the busybox base) reached directly on the host's loopback, through
`skiff run -p`, through pasta's own port forwarding (`-t`, for reference) and through
`podman run -p` (rootlessport), measured in the same run with wrk
(keep-alive and connection-per-request) and curl (bulk download of a 1 GiB file).
One nginx worker on both sides; wrk with one thread and 32 connections."""
import importlib.util
import os
import statistics
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
USER = "skiff-test"
DURATION = "3s"
ROUNDS = 5

CONF = """worker_processes 1;
daemon off;
pid {pid};
user root root;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000000;
    client_body_temp_path {tmp}/cb; proxy_temp_path {tmp}/p; fastcgi_temp_path {tmp}/f;
    uwsgi_temp_path {tmp}/u; scgi_temp_path {tmp}/s;
    server {{ listen {listen}; root {root}; }}
}}
"""
PAGE = "<html><body>" + "skiff network bench. " * 28 + "</body></html>\n"  # ~600 bytes


def load_build():
    spec = importlib.util.spec_from_file_location("build", os.path.join(ROOT, "tests/fixtures/build.py"))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


def nginx_layer(b):
    """/usr/sbin/nginx, the libraries it links (as ldd resolves them), its config and the page."""
    l = b.Layer()
    libs = subprocess.run(["ldd", "/usr/sbin/nginx"], stdout=subprocess.PIPE, text=True, check=True).stdout
    files = {"usr/sbin/nginx": "/usr/sbin/nginx"}
    for line in libs.splitlines():
        parts = line.split()
        path = parts[2] if "=>" in parts and len(parts) > 2 else parts[0]
        if path.startswith("/"):
            files[path.lstrip("/")] = path
    dirs = set()
    for dest in files:
        d = os.path.dirname(dest)
        while d and d not in dirs:
            dirs.add(d)
            d = os.path.dirname(d)
    for d in sorted(dirs):
        l.dir(d)
    for dest, src in sorted(files.items()):
        with open(os.path.realpath(src), "rb") as f:
            l.file(dest, f.read(), 0o755)
    l.dir("etc/nginx")
    l.file("etc/nginx/nginx.conf", CONF.format(pid="/tmp/nginx.pid", tmp="/tmp", listen="80",
                                                root="/www"))
    l.dir("www")
    l.file("www/index.html", PAGE)
    return l.raw()


def setup(ctx):
    if not os.path.exists("/usr/sbin/nginx"):
        ctx.sh("DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null")
    for tool in ["wrk", "curl"]:
        if subprocess.run(["which", tool], stdout=subprocess.DEVNULL).returncode:
            ctx.sh(f"DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {tool} >/dev/null")
    port = free_port()
    ctx.registry_dir = os.path.join(ctx.work, "registry")
    ctx.sh(f"bash {ROOT}/tests/registry.sh start {ctx.registry_dir} {port}")
    b = load_build()
    reg = b.Registry(f"127.0.0.1:{port}")
    b.push_image(reg, "nginx", "latest", [(b.busybox_layer(), "gzip"), (nginx_layer(b), "gzip")],
                 Cmd=["sh", "-c", "truncate -s 1G /www/big && exec nginx -e stderr"],
                 ExposedPorts={"80/tcp": {}})
    ctx.ref = f"127.0.0.1:{port}/nginx:latest"
    u = ctx.user_dir = os.path.join(ctx.work, "user")
    ctx.sh(f"install -d -o {USER} -m 0755 {u} {u}/direct {u}/direct/tmp")
    ctx.skiff_cmd = f"{ctx.skiff} --root {u}/s --runroot {u}/sr"
    ctx.podman_cmd = f"podman --root {u}/p --runroot {u}/pr"
    ctx.ports = {}
    # Direct: the same nginx binary and configuration on the host's loopback, as the test user.
    d = f"{u}/direct"
    with open(f"{d}/index.html", "w") as f:
        f.write(PAGE)
    ctx.sh(f"truncate -s 1G {d}/big && chown -R {USER} {d}")
    ctx.ports["direct"] = free_port()
    with open(f"{d}/nginx.conf", "w") as f:
        f.write(CONF.format(pid=f"{d}/nginx.pid", tmp=f"{d}/tmp",
                            listen=f"127.0.0.1:{ctx.ports['direct']}", root=d))
    ctx.direct = subprocess.Popen(ctx.as_user(f"exec /usr/sbin/nginx -e stderr -c {d}/nginx.conf"),
                                  shell=True, stderr=subprocess.DEVNULL)
    ctx.ports["skiff"] = free_port()
    ctx.sh(ctx.as_user(f"{ctx.skiff_cmd} run -d -q --name web -p {ctx.ports['skiff']}:80 {ctx.ref} >/dev/null"))
    # Reference: pasta's own port forwarding (`-t`, splice(2) between the namespaces, in C), the
    # fastest rootless forwarder there is, attached to a second container's network namespace.
    ctx.ports["pasta -t"] = free_port()
    ctx.sh(ctx.as_user(f"{ctx.skiff_cmd} run -d -q --name web-pasta --network none {ctx.ref} >/dev/null"))
    pid = subprocess.run(ctx.as_user(f"{ctx.skiff_cmd} inspect -f '{{{{.State.Pid}}}}' web-pasta"),
                         shell=True, stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
    ctx.pasta_pid = os.path.join(u, "pasta.pid")
    ctx.sh(ctx.as_user(f"pasta --config-net --quiet -t {ctx.ports['pasta -t']}:80 -u none -T none "
                       f"-U none -P {ctx.pasta_pid} {pid}"))
    ctx.note("pasta -t: pasta's own splice forwarder into a --network none container (reference)")
    if ctx.has_podman:
        ctx.ports["podman"] = free_port()
        ctx.sh(ctx.as_user(f"{ctx.podman_cmd} run -d -q --tls-verify=false --name web "
                           f"-p {ctx.ports['podman']}:80 {ctx.ref} >/dev/null"))
        ctx.note("podman: default rootless network (slirp4netns) with rootlessport for -p")
    for tool, p in ctx.ports.items():
        wait_http(p, tool)
    ctx.note("server: nginx-light 1 worker, sendfile; client: wrk -t1 -c32 -d3s; bulk: curl of a "
             f"1 GiB (sparse) file; each figure the median of {ROUNDS} rounds, tools alternating")


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def wait_http(port, tool):
    deadline = time.time() + 30
    while time.time() < deadline:
        if subprocess.run(["curl", "-sf", "-o", "/dev/null", f"http://127.0.0.1:{port}/"]).returncode == 0:
            return
        time.sleep(0.2)
    raise SystemExit(f"bench: {tool}'s nginx never answered on port {port}")


def teardown(ctx):
    if getattr(ctx, "pasta_pid", None) and os.path.exists(ctx.pasta_pid):
        subprocess.run(["kill", open(ctx.pasta_pid).read().strip()])
    subprocess.run(ctx.as_user(f"{ctx.skiff_cmd} rm -f --all >/dev/null"), shell=True)
    if ctx.has_podman:
        subprocess.run(ctx.as_user(f"{ctx.podman_cmd} rm -f -t 0 --all >/dev/null 2>&1; "
                                   f"podman unshare rm -rf {ctx.user_dir}/p {ctx.user_dir}/pr"), shell=True)
    if getattr(ctx, "direct", None):
        ctx.direct.kill()
        subprocess.run(["pkill", "-u", USER, "-f", f"{ctx.user_dir}/direct"])
    subprocess.run(f"bash {ROOT}/tests/registry.sh stop {ctx.registry_dir}", shell=True)


def wrk(port, close):
    cmd = ["wrk", "-t1", "-c32", "-d", DURATION, f"http://127.0.0.1:{port}/"]
    if close:
        cmd[1:1] = ["-H", "Connection: close"]
    out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    raise SystemExit(f"bench: no Requests/sec in wrk output:\n{out}")


def bulk(port):
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{speed_download}",
                          f"http://127.0.0.1:{port}/big"], stdout=subprocess.PIPE, text=True,
                         check=True).stdout
    return float(out) / 1e6


def report(ctx, runs):
    """Rows: (case, tool, value, unit, ratio to direct). Each rate is the median of ROUNDS runs,
    the tools taking turns within each round, so a noisy neighbour hits them alike."""
    rows = []
    for name, unit, measure in [
        ("keep-alive req/s", "req/s", lambda p: wrk(p, False)),
        ("conn-per-request req/s", "req/s", lambda p: wrk(p, True)),
        ("bulk 1 GiB MB/s", "MB/s", bulk),
    ]:
        samples = {t: [] for t in ctx.ports}
        for _ in range(ROUNDS):
            for t, p in ctx.ports.items():
                samples[t].append(measure(p))
        values = {t: statistics.median(v) for t, v in samples.items()}
        for tool, v in values.items():
            rows.append((name, tool, v, unit, v / values["direct"]))
    return rows
