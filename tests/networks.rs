//! Rootless bridge networks as the unprivileged user: containers find each other by name and
//! alias, networks stay apart, internal networks have no way out, `-p` reaches a bridge container,
//! connect/disconnect change names while containers run, the bad inputs of `network create` and
//! `run --ip`, 50 parallel containers, crashes of the DNS server and the namespace holder, and
//! nothing left behind.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::network::http_get;
use crate::util::{free_port, registry, wait_with_timeout, Run, TestEnv};

fn img(name: &str) -> String {
    format!("{}/{name}:latest", registry())
}

/// A TCP server on port 8080 that answers each connection with "hello".
fn serve(t: &TestEnv, name: &str, net: &[&str]) {
    let mut args = vec!["run", "-d", "--name", name];
    args.extend_from_slice(net);
    let bb = img("busybox");
    // busybox nc's persistent server: always listening, no gap between connections.
    args.extend([
        bb.as_str(),
        "nc",
        "-ll",
        "-p",
        "8080",
        "-e",
        "echo",
        "hello",
    ]);
    t.ok(args);
}

/// Run a shell snippet in a throw-away busybox container with these network flags.
fn sh(t: &TestEnv, net: &[&str], script: &str) -> Run {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(net);
    let bb = img("busybox");
    args.extend([bb.as_str(), "sh", "-c", script]);
    t.run(args)
}

fn holder_state(t: &TestEnv) -> Option<serde_json::Value> {
    let text = std::fs::read(t.runroot.join("netns/holder.json")).ok()?;
    serde_json::from_slice(&text).ok()
}

fn alive(pid: i64) -> bool {
    pid > 0 && std::path::Path::new(&format!("/proc/{pid}")).exists()
}

/// Alive and not a zombie.
fn running(pid: i64) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| s.rsplit(") ").next().map(|r| !r.starts_with('Z')))
        .unwrap_or(false)
}

#[test]
fn containers_talk_by_name_and_alias_and_networks_stay_apart() {
    let t = TestEnv::new("bridge-talk");
    t.ok(["network", "create", "front"]);
    t.ok(["network", "create", "back"]);
    t.ok(["network", "create", "--internal", "sealed"]);
    serve(&t, "web", &["--network", "front", "--network-alias", "www"]);
    // By name, by alias, by the dns.podman name.
    let r = sh(
        &t,
        &["--network", "front"],
        "for h in web www web.dns.podman; do echo | nc -w 3 $h 8080 || echo FAIL $h; done",
    );
    assert_eq!(r.stdout.matches("hello").count(), 3, "{}", r.describe());
    // Another network: neither the name nor the address.
    let inspect = t.ok(["exec", "web", "hostname", "-i"]);
    let web_ip = inspect.stdout.trim().to_string();
    assert!(web_ip.starts_with("10.89."), "{}", inspect.describe());
    let r = sh(
        &t,
        &["--network", "back"],
        &format!("nslookup web || echo NONAME; echo | nc -w 3 {web_ip} 8080 || echo NOREACH"),
    );
    assert!(r.stdout.contains("NONAME"), "{}", r.describe());
    assert!(r.stdout.contains("NOREACH"), "{}", r.describe());
    assert!(!r.stdout.contains("hello"), "{}", r.describe());
    // On two networks: reaches the web container, resolves a container of the other network.
    serve(&t, "db", &["--network", "back"]);
    let r = sh(
        &t,
        &["--network", "front,back"],
        "echo | nc -w 3 web 8080; echo | nc -w 3 db 8080; ip -o -4 addr | grep -c eth",
    );
    assert_eq!(r.stdout.matches("hello").count(), 2, "{}", r.describe());
    assert!(r.stdout.trim_end().ends_with('2'), "{}", r.describe());
    // Internal: no default route, nothing leaves; a normal network has a way out.
    let r = sh(
        &t,
        &["--network", "sealed"],
        "ip route; echo | nc -w 2 1.1.1.1 80 && echo OUT || echo SEALED",
    );
    assert!(!r.stdout.contains("default"), "{}", r.describe());
    assert!(r.stdout.contains("SEALED"), "{}", r.describe());
    let r = sh(&t, &["--network", "front"], "ip route");
    assert!(r.stdout.contains("default via 10.89."), "{}", r.describe());
    // Outbound through pasta: a server on the host's loopback, as host.containers.internal.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let hport = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        use std::io::Write;
        if let Ok((mut s, _)) = listener.accept() {
            let _ = s.write_all(b"from-the-host\n");
        }
    });
    let r = sh(
        &t,
        &["--network", "front"],
        &format!("sleep 2 | timeout 5 nc host.containers.internal {hport}"),
    );
    assert!(r.stdout.contains("from-the-host"), "{}", r.describe());
    server.join().unwrap();
    // /etc/hosts has the container's own address; resolv.conf names the network's DNS server.
    let r = sh(
        &t,
        &["--network", "front", "--name", "me"],
        "cat /etc/hosts /etc/resolv.conf",
    );
    assert!(r.stdout.contains("search dns.podman"), "{}", r.describe());
    assert!(r.stdout.contains("nameserver 10.89."), "{}", r.describe());
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("10.89.") && l.ends_with(" me")),
        "{}",
        r.describe()
    );
    // Published ports reach a bridge container.
    let port = free_port();
    t.ok([
        "run",
        "-d",
        "--name",
        "httpd",
        "--network",
        "front",
        "-p",
        &format!("{port}:80"),
        &img("httpd"),
    ]);
    let body = http_get(&format!("127.0.0.1:{port}"));
    assert!(body.contains("200 OK"), "{body}");
    t.ok(["rm", "-f", "-t", "0", "web", "db", "httpd"]);
    // The last container out tears the user's network namespace down.
    assert!(holder_state(&t).is_none(), "the holder is still recorded");
    for n in ["front", "back", "sealed"] {
        t.ok(["network", "rm", n]);
    }
    let left = t.ok(["network", "ls", "-q"]);
    assert_eq!(left.stdout.trim(), "podman", "{}", left.describe());
}

#[test]
fn connect_and_disconnect_change_names_while_running() {
    let t = TestEnv::new("bridge-connect");
    t.ok(["network", "create", "a"]);
    t.ok(["network", "create", "b"]);
    serve(&t, "web", &["--network", "a"]);
    t.run(["network", "create", "--subnet", "10.99.0.0/24", "c"]);
    let probe = "nslookup web >/dev/null 2>&1 && echo FOUND || echo MISSING; \
                 echo | nc -w 3 w2 8080 || echo NOALIAS";
    let r = sh(&t, &["--network", "b"], probe);
    assert!(r.stdout.contains("MISSING"), "{}", r.describe());
    t.ok(["network", "connect", "--alias", "w2", "b", "web"]);
    let r = sh(&t, &["--network", "b"], probe);
    assert!(r.stdout.contains("FOUND"), "{}", r.describe());
    assert!(r.stdout.contains("hello"), "{}", r.describe());
    let r = t.ok([
        "inspect",
        "web",
        "--format",
        "{{.NetworkSettings.Networks}}",
    ]);
    assert!(
        r.stdout.contains('a') && r.stdout.contains('b'),
        "{}",
        r.describe()
    );
    t.ok(["network", "disconnect", "b", "web"]);
    let r = sh(&t, &["--network", "b"], probe);
    assert!(r.stdout.contains("MISSING"), "{}", r.describe());
    let again = t.run(["network", "disconnect", "b", "web"]);
    assert_ne!(again.code, 0);
    assert!(
        again.stderr.contains("not connected"),
        "{}",
        again.describe()
    );
    t.ok(["rm", "-f", "-t", "0", "web"]);
}

#[test]
fn bad_network_input_is_refused_with_the_reason() {
    let t = TestEnv::new("bridge-bad");
    t.ok(["network", "create", "--subnet", "10.77.0.0/24", "first"]);
    let r = t.run(["network", "create", "--subnet", "10.77.0.128/25", "second"]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("overlaps with network first"),
        "{}",
        r.describe()
    );
    let r = t.run(["network", "create", "bad/name"]);
    assert!(r.stderr.contains("invalid"), "{}", r.describe());
    let r = t.run(["network", "create", "first"]);
    assert!(r.stderr.contains("exists"), "{}", r.describe());
    t.ok(["network", "create", "--ignore", "first"]);
    assert_eq!(t.run(["network", "exists", "first"]).code, 0);
    assert_eq!(t.run(["network", "exists", "nope"]).code, 1);
    let r = sh(&t, &["--network", "nope"], "true");
    assert!(r.stderr.contains("no such network"), "{}", r.describe());
    // Addresses: outside the subnet, taken, and a good static one.
    let r = sh(&t, &["--network", "first", "--ip", "10.78.0.5"], "true");
    assert!(
        r.stderr.contains("outside network first"),
        "{}",
        r.describe()
    );
    serve(&t, "holder", &["--network", "first", "--ip", "10.77.0.50"]);
    let r = sh(&t, &["--network", "first", "--ip", "10.77.0.50"], "true");
    assert!(
        r.stderr.contains("already used by container holder"),
        "{}",
        r.describe()
    );
    let r = sh(&t, &["--network", "first:ip=10.77.0.51"], "hostname -i");
    assert_eq!(r.stdout.trim(), "10.77.0.51", "{}", r.describe());
    // In use: rm says by whom; -f takes the container with it.
    let r = t.run(["network", "rm", "first"]);
    assert!(r.stderr.contains("holder"), "{}", r.describe());
    t.ok(["network", "rm", "-f", "first"]);
    assert!(t.ok(["ps", "-aq"]).stdout.trim().is_empty());
    let r = t.run(["network", "disconnect", "podman", "nobody"]);
    assert_ne!(r.code, 0);
}

#[test]
fn fifty_parallel_containers_get_fifty_addresses() {
    let t = TestEnv::new("bridge-fifty");
    t.ok(["network", "create", "many"]);
    let children: Vec<_> = (0..50)
        .map(|i| {
            t.cmd([
                "run",
                "-d",
                "--name",
                &format!("c{i}"),
                "--network",
                "many",
                &img("busybox"),
                "sleep",
                "300",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    for c in children {
        let r = wait_with_timeout(c, 240);
        assert_eq!(r.code, 0, "{}", r.describe());
    }
    let mut ips = std::collections::BTreeSet::new();
    // Each container's address as its own interface shows it (not through name resolution).
    for i in 0..50 {
        let r = t.ok([
            "exec",
            &format!("c{i}"),
            "ip",
            "-o",
            "-4",
            "addr",
            "show",
            "eth0",
        ]);
        let ip = r
            .stdout
            .split_whitespace()
            .skip_while(|w| *w != "inet")
            .nth(1)
            .unwrap_or("")
            .to_string();
        assert!(ip.starts_with("10.89."), "{}", r.describe());
        ips.insert(ip);
    }
    assert_eq!(ips.len(), 50, "{ips:?}");
    t.ok(["rm", "-f", "-t", "0", "-a"]);
    assert!(holder_state(&t).is_none());
}

#[test]
fn dns_server_and_namespace_holder_survive_kill_9() {
    let t = TestEnv::new("bridge-kill");
    t.ok(["network", "create", "k"]);
    serve(&t, "web", &["--network", "k"]);
    let h = holder_state(&t).expect("a holder while a container is on a network");
    let dns = h["dns_pid"].as_i64().unwrap();
    assert!(alive(dns));
    let status = std::fs::read_to_string(format!("/proc/{dns}/status")).unwrap();
    let rss_kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap();
    // Reported, not asserted (the debug build maps more): `tests/bench` measures it.
    eprintln!("DNS server RSS: {rss_kb} kB");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(dns as i32),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    // Dead (gone or a zombie), not just signalled.
    let deadline = Instant::now() + Duration::from_secs(5);
    while running(dns) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    let r = sh(&t, &["--network", "k"], "echo | nc -w 3 web 8080");
    assert!(r.stdout.contains("hello"), "{}", r.describe());
    // The holder killed: the next command rebuilds it and says so.
    let h = holder_state(&t).unwrap();
    let holder = h["pid"].as_i64().unwrap();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(holder as i32),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while alive(holder) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let r = t.ok([
        "run",
        "-d",
        "--name",
        "web2",
        "--network",
        "k",
        &img("busybox"),
        "nc",
        "-ll",
        "-p",
        "8080",
        "-e",
        "echo",
        "hello",
    ]);
    assert!(r.stderr.contains("rebuilding"), "{}", r.describe());
    let r = sh(&t, &["--network", "k"], "echo | nc -w 3 web2 8080");
    assert!(r.stdout.contains("hello"), "{}", r.describe());
    t.ok(["rm", "-f", "-t", "0", "-a"]);
    // Nothing left: no holder, helper or DNS process, no records.
    let h = holder_state(&t);
    assert!(h.is_none(), "{h:?}");
    let left = std::process::Command::new("pgrep")
        .args(["-f", &t.runroot.display().to_string()])
        .output()
        .unwrap();
    assert!(left.stdout.is_empty(), "{}", Run::from(left).describe());
    let recs: Vec<_> = std::fs::read_dir(t.runroot.join("netns/attached"))
        .unwrap()
        .collect();
    assert!(recs.is_empty(), "{recs:?}");
    t.ok(["network", "rm", "k"]);
}

#[test]
fn pod_containers_share_localhost_hostname_and_published_ports() {
    let t = TestEnv::new("pod-share");
    let port = free_port();
    let pod_id = t.ok([
        "pod",
        "create",
        "--name",
        "pp",
        "-p",
        &format!("{port}:8080"),
    ]);
    assert_eq!(pod_id.stdout.trim().len(), 64, "{}", pod_id.describe());
    serve(&t, "api", &["--pod", "pp"]);
    // Localhost between the pod's containers, one host name, each other's names in /etc/hosts.
    let r = sh(
        &t,
        &["--pod", "pp", "--name", "probe"],
        "echo | nc -w 3 127.0.0.1 8080; hostname; grep -c api /etc/hosts",
    );
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines, ["hello", "pp", "1"], "{}", r.describe());
    // The pod's published port reaches the member.
    let deadline = Instant::now() + Duration::from_secs(10);
    let got = loop {
        let got = std::net::TcpStream::connect(("127.0.0.1", port))
            .ok()
            .and_then(|mut s| {
                use std::io::Read;
                let mut out = String::new();
                s.set_read_timeout(Some(Duration::from_secs(3))).ok()?;
                s.read_to_string(&mut out).ok()?;
                Some(out)
            });
        if got.as_deref().is_some_and(|g| g.contains("hello")) || Instant::now() > deadline {
            break got;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(got.as_deref().map(str::trim), Some("hello"));
    // A pod member cannot have ports or networks of its own.
    let r = t.run([
        "run",
        "--rm",
        "--pod",
        "pp",
        "-p",
        "9999:80",
        &img("busybox"),
        "true",
    ]);
    assert!(
        r.stderr.contains("publish ports on the pod"),
        "{}",
        r.describe()
    );
    let ps = t.ok([
        "pod",
        "ps",
        "--ctr-names",
        "--ctr-status",
        "--format",
        "{{.Name}} {{.Status}} {{.ContainerNames}} {{.NumberOfContainers}}",
    ]);
    assert!(ps.stdout.starts_with("pp Running "), "{}", ps.describe());
    assert!(ps.stdout.contains("api"), "{}", ps.describe());
    let inspect = t.ok(["pod", "inspect", "pp"]).json();
    assert_eq!(inspect["Name"], "pp");
    assert_eq!(inspect["NumContainers"], 2, "{inspect}");
    assert!(inspect["SharedNamespaces"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n == "net"));
    // Infra: skiff itself, small.
    let infra = inspect["InfraContainerID"].as_str().unwrap().to_string();
    let pid = t
        .ok(["inspect", &infra, "--format", "{{.State.Pid}}"])
        .stdout
        .trim()
        .to_string();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let rss = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .unwrap_or("")
        .to_string();
    eprintln!("infra process {rss}");
    // stop / start / rm -f, nothing left.
    t.ok(["pod", "stop", "-t", "0", "pp"]);
    let ps = t.ok(["pod", "ps", "--format", "{{.Status}}"]);
    assert_eq!(ps.stdout.trim(), "Exited", "{}", ps.describe());
    t.ok(["pod", "start", "pp"]);
    let r = t.ok(["exec", "api", "hostname"]);
    assert_eq!(r.stdout.trim(), "pp");
    let r = t.run(["pod", "rm", "pp"]);
    assert!(r.stderr.contains("running containers"), "{}", r.describe());
    t.ok(["pod", "rm", "-f", "pp"]);
    assert!(t.ok(["ps", "-aq"]).stdout.trim().is_empty());
    assert_eq!(t.run(["pod", "exists", "pp"]).code, 1);
    // Nothing but the store's user namespace holder (it stays, as podman's pause process does).
    let left = std::process::Command::new("pgrep")
        .args(["-a", "-f", &t.runroot.display().to_string()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&left.stdout).into_owned();
    let others: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("internal-userns-pause"))
        .collect();
    assert!(others.is_empty(), "{others:?}");
}

#[test]
fn a_pod_on_a_bridge_network_answers_to_its_name() {
    let t = TestEnv::new("pod-bridge");
    t.ok(["network", "create", "podnet"]);
    t.ok(["pod", "create", "--name", "backend", "--network", "podnet"]);
    serve(&t, "db", &["--pod", "backend"]);
    let r = sh(&t, &["--network", "podnet"], "echo | nc -w 3 backend 8080");
    assert!(r.stdout.contains("hello"), "{}", r.describe());
    // --pod new:NAME takes the container's network.
    let r = sh(
        &t,
        &["--pod", "new:fresh", "--network", "podnet"],
        "ip -o -4 addr show eth0",
    );
    assert!(r.stdout.contains("10.89."), "{}", r.describe());
    assert_eq!(t.run(["pod", "exists", "fresh"]).code, 0);
    t.ok(["pod", "rm", "-f", "backend", "fresh"]);
    t.ok(["network", "rm", "podnet"]);
    assert!(holder_state(&t).is_none());
}

#[test]
fn ipv6_mtu_default_network_disable_dns_reload_and_a_killed_supervisor() {
    let t = TestEnv::new("bridge-misc");
    t.ok([
        "network",
        "create",
        "--ipv6",
        "--opt",
        "mtu=1400",
        "--subnet",
        "10.66.0.0/24",
        "six",
    ]);
    let cfg = t.ok(["network", "inspect", "six"]).json();
    let gws: Vec<String> = cfg[0]["subnets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["gateway"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(gws.len(), 2, "{cfg}");
    assert!(gws[1].ends_with("::1"), "{cfg}");
    serve(&t, "w6", &["--network", "six", "--ip", "10.66.0.50"]);
    let r = sh(
        &t,
        &["--network", "six"],
        "ping -6 -c1 -W3 w6 >/dev/null && echo V6; ip link show eth0 | grep -o 'mtu [0-9]*'",
    );
    assert_eq!(
        r.stdout.lines().collect::<Vec<_>>(),
        ["V6", "mtu 1400"],
        "{}",
        r.describe()
    );
    // podman's names for the default network.
    for n in ["podman", "bridge"] {
        let r = sh(&t, &["--network", n], "ip -o -4 addr show eth0");
        assert!(r.stdout.contains("inet 10.88."), "{}", r.describe());
    }
    // No DNS on the network: the host's resolvers (or pasta's forwarder), no dns.podman.
    t.ok(["network", "create", "--disable-dns", "quiet"]);
    let r = sh(&t, &["--network", "quiet"], "cat /etc/resolv.conf");
    assert!(!r.stdout.contains("dns.podman"), "{}", r.describe());
    // reload re-creates the interfaces with the same address.
    t.ok(["network", "reload", "w6"]);
    let r = t.ok(["exec", "w6", "ip", "-o", "-4", "addr", "show", "eth0"]);
    assert!(r.stdout.contains("10.66.0.50/24"), "{}", r.describe());
    // Supervisor and container killed with -9: the address returns to the pool.
    let pids = t.ok(["inspect", "w6", "--format", "{{.State.Pid}}"]);
    let pid: i32 = pids.stdout.trim().parse().unwrap();
    let rec: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            t.root
                .join("containers")
                .join(t.ok(["inspect", "w6", "--format", "{{.Id}}"]).stdout.trim())
                .join("container.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let sup = rec["state"]["supervisor_pid"].as_i64().unwrap() as i32;
    for p in [sup, pid] {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(p),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while alive(pid as i64) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let r = sh(
        &t,
        &["--network", "six", "--ip", "10.66.0.50"],
        "hostname -i",
    );
    assert_eq!(r.stdout.trim(), "10.66.0.50", "{}", r.describe());
    t.ok(["rm", "-f", "-t", "0", "-a"]);
    t.ok(["network", "rm", "six", "quiet"]);
    assert!(holder_state(&t).is_none());
}

#[test]
fn pod_lifecycle_commands_and_network_listing() {
    let t = TestEnv::new("pod-cmds");
    t.ok(["pod", "create", "--name", "life", "--label", "tier=test"]);
    serve(&t, "one", &["--pod", "life"]);
    t.ok([
        "run",
        "-d",
        "--pod",
        "life",
        "--name",
        "two",
        &img("busybox"),
        "sh",
        "-c",
        "echo started-two; sleep 300",
    ]);
    let logs = t.ok(["pod", "logs", "life"]);
    assert!(logs.stdout.contains("started-two"), "{}", logs.describe());
    let top = t.ok(["pod", "top", "life"]);
    assert!(top.stdout.contains("sleep"), "{}", top.describe());
    let stats = t.ok(["pod", "stats", "life"]);
    assert!(
        stats.stdout.contains("two") || stats.stdout.lines().count() >= 3,
        "{}",
        stats.describe()
    );
    t.ok(["pod", "pause", "life"]);
    let ps = t.ok(["pod", "ps", "--format", "{{.Status}}"]);
    assert_eq!(ps.stdout.trim(), "Paused", "{}", ps.describe());
    t.ok(["pod", "unpause", "life"]);
    t.ok(["pod", "kill", "life"]);
    let ps = t.ok([
        "pod",
        "ps",
        "--filter",
        "label=tier=test",
        "--format",
        "{{.Name}} {{.Status}}",
    ]);
    assert_eq!(ps.stdout.trim(), "life Exited", "{}", ps.describe());
    t.ok(["pod", "restart", "life"]);
    let ps = t.ok(["pod", "ps", "--format", "{{.Status}}"]);
    assert_eq!(ps.stdout.trim(), "Running", "{}", ps.describe());
    t.ok(["pod", "stop", "-t", "0", "life"]);
    let pruned = t.ok(["pod", "prune", "-f"]);
    assert!(!pruned.stdout.trim().is_empty(), "{}", pruned.describe());
    assert_eq!(t.run(["pod", "exists", "life"]).code, 1);
    // Networks: listing filters, a fixed MAC, prune of unused networks.
    t.ok(["network", "create", "--label", "env=ci", "labelled"]);
    t.ok(["network", "create", "plain"]);
    let ls = t.ok([
        "network",
        "ls",
        "--filter",
        "label=env=ci",
        "--format",
        "{{.Name}}",
    ]);
    assert_eq!(ls.stdout.trim(), "labelled", "{}", ls.describe());
    let r = sh(
        &t,
        &["--network", "plain", "--mac-address", "92:d0:c6:0a:29:33"],
        "cat /sys/class/net/eth0/address",
    );
    assert_eq!(r.stdout.trim(), "92:d0:c6:0a:29:33", "{}", r.describe());
    serve(&t, "user", &["--network", "plain"]);
    let pruned = t.ok(["network", "prune", "-f"]);
    assert_eq!(pruned.stdout.trim(), "labelled", "{}", pruned.describe());
    t.ok(["rm", "-f", "-t", "0", "user"]);
    t.ok(["network", "rm", "plain"]);
}

#[test]
fn containers_conf_default_network_and_slirp4netns_outbound() {
    let t = TestEnv::new("bridge-conf");
    let conf = t.home.join(".config/containers");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join("containers.conf"),
        "[network]\ndefault_network = \"podman\"\n",
    )
    .unwrap();
    crate::util::chown_r(
        &t.home,
        t.user.as_ref().map_or(0, |u| u.uid),
        t.user.as_ref().map_or(0, |u| u.gid),
    );
    let r = t.run([
        "run",
        "--rm",
        &img("busybox"),
        "ip",
        "-o",
        "-4",
        "addr",
        "show",
        "eth0",
    ]);
    assert!(r.stdout.contains("inet 10.88."), "{}", r.describe());
    // slirp4netns only (pasta hidden): outbound from a bridge network is masqueraded. The target
    // is a TCP server on the host's loopback, reached as host.containers.internal's address
    // under slirp4netns (10.0.2.2).
    let helpers = t.home.join("helpers");
    std::fs::create_dir_all(&helpers).unwrap();
    for p in ["newuidmap", "newgidmap", "slirp4netns", "fuse-overlayfs"] {
        if let Some(path) = ["/usr/bin", "/usr/sbin", "/bin"]
            .iter()
            .map(|d| std::path::Path::new(d).join(p))
            .find(|x| x.exists())
        {
            std::os::unix::fs::symlink(path, helpers.join(p)).unwrap();
        }
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        use std::io::Write;
        if let Ok((mut s, _)) = listener.accept() {
            let _ = s.write_all(b"from-the-host\n");
        }
    });
    let mut c = t.cmd([
        "run",
        "--rm",
        "--network",
        "podman",
        &img("busybox"),
        "sh",
        "-c",
        &format!("sleep 2 | timeout 5 nc 10.0.2.2 {port}"),
    ]);
    c.env("SKIFF_HELPER_BINARIES_DIR", &helpers);
    let r = Run::from(c.output().unwrap());
    assert!(r.stdout.contains("from-the-host"), "{}", r.describe());
    server.join().unwrap();
}

#[test]
fn pod_create_gives_volumes_devices_sysctls_and_labels_to_its_containers() {
    let t = TestEnv::new("pod-flags");
    let shared = t.dir.join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(shared.join("note"), "in-the-pod\n").unwrap();
    let labels = t.dir.join("labels");
    std::fs::write(&labels, "team=net\n# comment\n").unwrap();
    let pidfile = t.dir.join("infra.pid");
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.dir, u.uid, u.gid);
    }
    t.ok([
        "pod",
        "create",
        "--name",
        "flagged",
        "-v",
        &format!("{}:/shared:ro", shared.display()),
        "--device",
        "/dev/null:/dev/podnull",
        "--sysctl",
        "net.ipv4.ip_unprivileged_port_start=90",
        "--label-file",
        labels.to_str().unwrap(),
        "--infra-conmon-pidfile",
        pidfile.to_str().unwrap(),
    ]);
    let r = sh(
        &t,
        &["--pod", "flagged"],
        "cat /shared/note; test -c /dev/podnull && echo dev; cat /proc/sys/net/ipv4/ip_unprivileged_port_start",
    );
    assert_eq!(
        r.stdout.lines().collect::<Vec<_>>(),
        ["in-the-pod", "dev", "90"],
        "{}",
        r.describe()
    );
    let ps = t.ok([
        "pod",
        "ps",
        "--filter",
        "label=team=net",
        "--format",
        "{{.Name}}",
    ]);
    assert_eq!(ps.stdout.trim(), "flagged", "{}", ps.describe());
    let pid: i64 = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(alive(pid), "the infra's supervisor pid {pid}");
    for (flag, value, says) in [
        ("--cpus", "1", "cgroup"),
        ("--userns", "keep-id", "mapping"),
    ] {
        let r = t.run(["pod", "create", flag, value]);
        assert_eq!(r.code, 125, "{}", r.describe());
        assert!(r.stderr.contains(says), "{}", r.describe());
    }
    t.ok(["pod", "rm", "-f", "flagged"]);
}

#[test]
fn init_containers_run_before_the_pod_and_once_means_once() {
    let t = TestEnv::new("pod-init");
    let shared = t.dir.join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.dir, u.uid, u.gid);
    }
    t.ok([
        "pod",
        "create",
        "--name",
        "withinit",
        "-v",
        &format!("{}:/shared", shared.display()),
    ]);
    let bb = img("busybox");
    for (kind, line) in [("once", "once-ran"), ("always", "always-ran")] {
        t.ok([
            "create",
            "--init-ctr",
            kind,
            "--pod",
            "withinit",
            "--name",
            kind,
            &bb,
            "sh",
            "-c",
            &format!("echo {line} >> /shared/log"),
        ]);
    }
    t.ok([
        "create",
        "--pod",
        "withinit",
        "--name",
        "main",
        &bb,
        "sh",
        "-c",
        "cat /shared/log > /shared/seen; sleep 300",
    ]);
    t.ok(["pod", "start", "withinit"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    // (the shell creates the file before cat fills it: wait for the content)
    let mut seen = String::new();
    while seen != "once-ran\nalways-ran\n" && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        seen = std::fs::read_to_string(shared.join("seen")).unwrap_or_default();
    }
    assert_eq!(seen, "once-ran\nalways-ran\n");
    // The `once` container is gone; the pod is running, not degraded.
    let names = t.ok(["ps", "-a", "--format", "{{.Names}}"]);
    assert!(
        !names.stdout.lines().any(|l| l == "once"),
        "{}",
        names.describe()
    );
    assert!(
        names.stdout.lines().any(|l| l == "always"),
        "{}",
        names.describe()
    );
    let ps = t.ok(["pod", "ps", "--format", "{{.Status}}"]);
    assert_eq!(ps.stdout.trim(), "Running", "{}", ps.describe());
    t.ok(["pod", "stop", "-t", "0", "withinit"]);
    t.ok(["pod", "start", "withinit"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::fs::read_to_string(shared.join("log"))
        .unwrap_or_default()
        .lines()
        .count()
        < 3
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = std::fs::read_to_string(shared.join("log")).unwrap();
    assert_eq!(log, "once-ran\nalways-ran\nalways-ran\n");
    let r = t.run([
        "create",
        "--init-ctr",
        "sometimes",
        "--pod",
        "withinit",
        &bb,
    ]);
    assert!(r.stderr.contains("always or once"), "{}", r.describe());
    t.ok(["pod", "rm", "-f", "withinit"]);
}
