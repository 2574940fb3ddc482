"""Bridge networks: skiff's rootless networks against podman's (Debian podman 4.3 with netavark and
aardvark-dns, configured here), in the same run, as the test user. Cases:
  - `run --rm --network NET busybox true` cold (no container on any network: the user's network
    namespace and DNS server are set up and torn down around each run; measured in setup, in the
    notes), on an idle network (while other networks have containers) and on a busy one;
  - container-to-container TCP: a 1 GiB file from busybox httpd to nc in another container, by name;
  - 300 HTTP requests by name (busybox httpd, a connection per request, nc as the client);
  - 300 DNS answers for a container name (nslookup in a loop).
The three traffic cases run in an `exec` in a client container: the exec itself is part of both
tools' times (it is small against the work)."""
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
USER = "skiff-test"


BULK = "printf 'GET /big HTTP/1.0\\r\\n\\r\\n' | nc web 80 | wc -c"


def setup(ctx):
    port = ctx.start_registry(only_busybox=False)
    ctx.ref = f"127.0.0.1:{port}/busybox:latest"
    ctx.httpd = f"127.0.0.1:{port}/httpd:latest"
    u = ctx.user_dir = os.path.join(ctx.work, "user")
    ctx.sh(f"install -d -o {USER} -m 0755 {u}")
    ctx.skiff_cmd = f"{ctx.skiff} --root {u}/s --runroot {u}/sr"
    ctx.podman_cmd = f"podman --root {u}/p --runroot {u}/pr"
    tools = {"skiff": ctx.skiff_cmd}
    if ctx.has_podman:
        ctx.podman_netavark()
        ctx.note("podman: netavark + aardvark-dns (network_backend = netavark, helper_binaries_dir "
                 "= /usr/lib/podman) in ~skiff-test/.config/containers/containers.conf")
        tools["podman"] = ctx.podman_cmd
    ctx.tools = tools
    for name, tool in tools.items():
        pull = f"{tool} pull -q {ctx.ref} >/dev/null && {tool} pull -q {ctx.httpd} >/dev/null"
        if name == "podman":
            pull = pull.replace(" pull -q ", " pull -q --tls-verify=false ")
        ctx.sh(ctx.as_user(pull))
        ctx.sh(ctx.as_user(f"{tool} network create idle >/dev/null && {tool} network create busy >/dev/null"))
    cold(ctx)
    for name, tool in tools.items():
        ctx.sh(ctx.as_user(
            f"{tool} run -d --name keeper --network busy {ctx.ref} sleep 100000 >/dev/null && "
            f"{tool} run -d --name web --network busy {ctx.httpd} >/dev/null && "
            f"{tool} exec web dd if=/dev/zero of=/var/www/big bs=1M count=1024 2>/dev/null && "
            f"{tool} run -d --name client --network busy {ctx.ref} sleep 100000 >/dev/null"))
    for name, tool in tools.items():
        got = subprocess.run(ctx.as_user(f'{tool} exec client sh -c "{BULK}"'), shell=True,
                             stdout=subprocess.PIPE, text=True).stdout.strip()
        ctx.note(f"{name}: one 1 GiB transfer by name delivered {got} bytes (file + headers)")
    ctx.note("each tool: networks idle and busy; on busy: keeper, web (busybox httpd with a 1 GiB "
             "file), client")
    if "skiff" in tools:
        dns_rss(ctx)


def cold(ctx, rounds=10):
    """`run --rm --network idle true` with no container on any network: the user's network
    namespace (skiff: holder, pasta, DNS server; podman: rootless-netns, slirp4netns/pasta,
    aardvark-dns) is made and torn down around each run. Interleaved; medians in the notes."""
    import statistics
    import time
    times = {name: [] for name in ctx.tools}
    for _ in range(rounds):
        for name, tool in ctx.tools.items():
            cmd = ctx.as_user(f"{tool} run --rm --network idle {ctx.ref} true")
            t0 = time.perf_counter()
            subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - t0)
    med = {n: statistics.median(v) * 1000 for n, v in times.items()}
    line = ", ".join(f"{n} {m:.1f} ms" for n, m in med.items())
    if "podman" in med:
        line += f" (podman/skiff {med['podman'] / med['skiff']:.1f}x)"
    ctx.note(f"cold `run --rm --network idle true` (no container on any network, {rounds} interleaved "
             f"rounds, median): {line}")


def dns_rss(ctx):
    """The memory of skiff's DNS server and of a pod's infra process (they stay up)."""
    state = os.path.join(ctx.user_dir, "sr", "netns", "holder.json")
    try:
        import json
        with open(state) as f:
            pid = json.load(f)["dns_pid"]
        with open(f"/proc/{pid}/status") as f:
            rss = [l for l in f if l.startswith("VmRSS")][0].split()[1]
        ctx.note(f"skiff's DNS server: RSS {int(rss) / 1024:.1f} MiB")
    except (OSError, KeyError, IndexError, ValueError) as e:
        ctx.note(f"skiff's DNS server RSS: not measured ({e})")
    out = subprocess.run(ctx.as_user(
        f"{ctx.skiff_cmd} pod create --name rsspod >/dev/null && {ctx.skiff_cmd} pod start rsspod "
        f">/dev/null && {ctx.skiff_cmd} pod inspect rsspod --format '{{{{.InfraContainerID}}}}'"),
        shell=True, stdout=subprocess.PIPE, text=True).stdout.strip()
    pid = subprocess.run(ctx.as_user(f"{ctx.skiff_cmd} inspect {out} --format '{{{{.State.Pid}}}}'"),
                         shell=True, stdout=subprocess.PIPE, text=True).stdout.strip()
    try:
        with open(f"/proc/{pid}/status") as f:
            rss = [l for l in f if l.startswith("VmRSS")][0].split()[1]
        ctx.note(f"skiff's pod infra process: RSS {int(rss) / 1024:.1f} MiB")
    except (OSError, IndexError, ValueError) as e:
        ctx.note(f"skiff's infra RSS: not measured ({e})")
    subprocess.run(ctx.as_user(f"{ctx.skiff_cmd} pod rm -f rsspod >/dev/null"), shell=True)


def teardown(ctx):
    for name, tool in ctx.tools.items():
        t0 = " -t 0" if name == "podman" else ""
        subprocess.run(ctx.as_user(f"{tool} rm -f{t0} --all >/dev/null 2>&1; {tool} network rm idle busy "
                                   f">/dev/null 2>&1"), shell=True)
    if ctx.has_podman:
        subprocess.run(ctx.as_user(f"podman unshare rm -rf {ctx.user_dir}/p {ctx.user_dir}/pr"), shell=True)
    ctx.stop_registry()


def per_tool(ctx, fmt):
    return {name: ctx.as_user(fmt.format(tool=tool, ref=ctx.ref)) for name, tool in ctx.tools.items()}


def cases(ctx):
    # No `$` anywhere: the commands pass through two shells on their way.
    loop = "for i in " + " ".join(str(n) for n in range(300)) + "; do "
    bulk = BULK
    http = loop + "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc web 80 >/dev/null || exit 1; done"
    dns = loop + "nslookup web >/dev/null || exit 1; done"
    return [
        {"name": "run --rm true (idle net)", "baseline": "skiff", "runs": 15,
         "commands": per_tool(ctx, "{tool} run --rm --network idle {ref} true")},
        {"name": "run --rm true (busy net)", "baseline": "skiff", "runs": 15,
         "commands": per_tool(ctx, "{tool} run --rm --network busy {ref} true")},
        {"name": "1 GiB c2c TCP by name", "baseline": "skiff", "runs": 8, "interleave": True,
         "commands": per_tool(ctx, '{tool} exec client sh -c "' + bulk + '"')},
        {"name": "300 HTTP requests by name", "baseline": "skiff", "runs": 5,
         "commands": per_tool(ctx, '{tool} exec client sh -c "' + http + '"')},
        {"name": "300 DNS answers", "baseline": "skiff", "runs": 5,
         "commands": per_tool(ctx, '{tool} exec client sh -c "' + dns + '"')},
    ]
