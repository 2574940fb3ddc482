//! Rootless networking as the unprivileged user: published TCP and UDP ports through the
//! forwarder, outbound through pasta and slirp4netns to a server on the host's loopback, DNS names
//! from --add-host, --network none and container:NAME, port errors and release.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::time::{Duration, Instant};

use crate::util::{free_port, registry, TestEnv};

fn img(name: &str) -> String {
    format!("{}/{name}:latest", registry())
}

/// GET / through `addr`, retrying while the server in the container starts.
pub(crate) fn http_get(addr: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let attempt = (|| -> std::io::Result<String> {
            let mut s = TcpStream::connect(addr)?;
            s.set_read_timeout(Some(Duration::from_secs(5)))?;
            s.write_all(b"GET / HTTP/1.0\r\nHost: x\r\n\r\n")?;
            let mut out = String::new();
            s.read_to_string(&mut out)?;
            Ok(out)
        })();
        match attempt {
            Ok(body) if body.contains("200 OK") => return body,
            other => {
                assert!(
                    Instant::now() < deadline,
                    "GET http://{addr}/ never succeeded: {other:?}"
                );
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

/// Free for IPv4 and, where the host has IPv6, for IPv6 too (skiff binds one socket each).
fn port_is_free(port: u16) -> bool {
    let v6 = TcpListener::bind("[::1]:0").is_err() || TcpListener::bind(("::", port)).is_ok();
    TcpListener::bind(("0.0.0.0", port)).is_ok() && v6
}

#[test]
fn published_tcp_ports_fixed_and_random() {
    let t = TestEnv::new("net-tcp");
    let port = free_port();
    let id = t
        .ok([
            "run",
            "-d",
            "--name",
            "web",
            "-p",
            &format!("{port}:80"),
            "-p",
            "127.0.0.1::80",
            &img("httpd"),
        ])
        .stdout
        .trim()
        .to_string();
    let page = http_get(&format!("127.0.0.1:{port}"));
    assert!(page.contains("hello from skiff httpd"), "{page}");
    // IPv6 on the same published port (its own IPv6-only socket), where the host has IPv6.
    if std::net::TcpListener::bind("[::1]:0").is_ok() {
        assert!(http_get(&format!("[::1]:{port}")).contains("hello from skiff httpd"));
    }

    // The random port: `port`, `ps` and inspect all show the one that was bound.
    let ports = t.ok(["port", "web"]).stdout;
    assert!(
        ports.contains(&format!("80/tcp -> 0.0.0.0:{port}\n")),
        "{ports}"
    );
    let random = t.ok(["port", "web", "80/tcp"]).stdout;
    let random_port: u16 = random
        .lines()
        .find_map(|l| l.strip_prefix("127.0.0.1:"))
        .unwrap_or_else(|| panic!("no 127.0.0.1 mapping in {random:?}"))
        .parse()
        .unwrap();
    assert_ne!(random_port, 0);
    assert!(http_get(&format!("127.0.0.1:{random_port}")).contains("hello"));
    let ps = t.ok(["ps", "--format", "{{.Ports}}"]).stdout;
    assert!(
        ps.contains(&format!("0.0.0.0:{port}->80/tcp"))
            && ps.contains(&format!("127.0.0.1:{random_port}->80/tcp")),
        "{ps}"
    );
    let inspect = t
        .ok([
            "inspect",
            "--format",
            "{{json .NetworkSettings.Ports}}",
            "web",
        ])
        .stdout;
    assert!(
        inspect.contains(&format!("\"HostPort\":\"{port}\"")),
        "{inspect}"
    );
    let none = t.run(["port", "web", "81"]);
    assert_eq!(none.code, 125, "{}", none.describe());
    assert!(none.stderr.contains("81/tcp"), "{}", none.describe());

    // rm -f releases the host ports at once.
    t.ok(["rm", "-f", &id]);
    assert!(
        port_is_free(port),
        "host port {port} still taken after rm -f"
    );
    assert!(port_is_free(random_port));
}

/// 600 at once: more than 200 (the figure), and more than the forwarder could hold
/// (2 descriptors each) under a login session's default limit of 1024 open files.
#[test]
fn six_hundred_concurrent_connections_through_one_port() {
    let t = TestEnv::new("net-600");
    let port = free_port();
    let mut cmd = t.cmd([
        "run",
        "-d",
        "-p",
        &format!("{port}:7"),
        &img("nettools"),
        "netecho",
        "tcp",
        "7",
    ]);
    // Started from a session with the usual soft limit of 1024 open files.
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut cmd, || {
            let (_, hard) =
                nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE)?;
            nix::sys::resource::setrlimit(
                nix::sys::resource::Resource::RLIMIT_NOFILE,
                1024.min(hard),
                hard,
            )?;
            Ok(())
        });
    }
    let r = crate::util::Run::from(cmd.output().unwrap());
    assert_eq!(r.code, 0, "{}", r.describe());
    let addr = format!("127.0.0.1:{port}");
    // The echo server answers once it listens.
    let deadline = Instant::now() + Duration::from_secs(10);
    while echo_once(&addr, b"warm-up").is_err() {
        assert!(Instant::now() < deadline, "no TCP echo through {addr}");
        std::thread::sleep(Duration::from_millis(50));
    }
    const N: usize = 600;
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(N));
    // Every client holds its connection open until all have their echo: the forwarder must carry
    // all N at once (a backlog that drains as others close would not do).
    let echoed = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let workers: Vec<_> = (0..N)
        .map(|i| {
            let addr = addr.clone();
            let barrier = barrier.clone();
            let echoed = echoed.clone();
            std::thread::spawn(move || -> Result<(), String> {
                let mut s = TcpStream::connect(&addr).map_err(|e| e.to_string())?;
                // All open at once before any talks.
                barrier.wait();
                // A bulk-sized message for some, so both copy paths carry data.
                let msg: Vec<u8> = if i % 10 == 0 {
                    (0..200_000u32).map(|k| (k % 251) as u8).collect()
                } else {
                    format!("hello {i}").into_bytes()
                };
                s.set_read_timeout(Some(Duration::from_secs(30)))
                    .map_err(|e| e.to_string())?;
                s.write_all(&msg).map_err(|e| e.to_string())?;
                let mut back = vec![0u8; msg.len()];
                s.read_exact(&mut back).map_err(|e| format!("{i}: {e}"))?;
                if back != msg {
                    return Err(format!("{i}: echo differs"));
                }
                echoed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let deadline = Instant::now() + Duration::from_secs(40);
                while echoed.load(std::sync::atomic::Ordering::SeqCst) < N
                    && Instant::now() < deadline
                {
                    std::thread::sleep(Duration::from_millis(20));
                }
                s.shutdown(std::net::Shutdown::Write)
                    .map_err(|e| e.to_string())?;
                let mut rest = Vec::new();
                s.read_to_end(&mut rest).map_err(|e| format!("{i}: {e}"))?;
                if rest.is_empty() {
                    Ok(())
                } else {
                    Err(format!("{i}: {} bytes after the echo", rest.len()))
                }
            })
        })
        .collect();
    let failures: Vec<String> = workers
        .into_iter()
        .filter_map(|w| w.join().unwrap().err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {N} failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
}

fn echo_once(addr: &str, msg: &[u8]) -> std::io::Result<()> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(2)))?;
    s.write_all(msg)?;
    s.shutdown(std::net::Shutdown::Write)?;
    let mut back = Vec::new();
    s.read_to_end(&mut back)?;
    if back == msg {
        Ok(())
    } else {
        Err(std::io::Error::other("short echo"))
    }
}

#[test]
fn ports_are_released_when_the_container_exits() {
    let t = TestEnv::new("net-exit");
    let port = free_port();
    t.ok([
        "run",
        "-d",
        "--name",
        "brief",
        "-p",
        &format!("{port}:80"),
        &img("busybox"),
        "sleep",
        "0.3",
    ]);
    let code = t.ok(["wait", "brief"]).stdout;
    assert_eq!(code.trim(), "0");
    assert!(
        port_is_free(port),
        "host port {port} still taken after the exit"
    );
    // And they come back on the next start.
    t.ok(["start", "brief"]);
    t.ok(["wait", "brief"]);
}

#[test]
fn published_udp_port_echoes_per_client() {
    let t = TestEnv::new("net-udp");
    let port = free_port();
    t.ok([
        "run",
        "-d",
        "-p",
        &format!("{port}:7/udp"),
        &img("nettools"),
        "netecho",
        "udp",
        "7",
    ]);
    // Two clients at once: each gets its own answers.
    let a = UdpSocket::bind("127.0.0.1:0").unwrap();
    let b = UdpSocket::bind("127.0.0.1:0").unwrap();
    for s in [&a, &b] {
        s.set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut buf = [0u8; 64];
    let echo = |s: &UdpSocket, msg: &[u8], buf: &mut [u8]| -> Option<Vec<u8>> {
        s.send_to(msg, ("127.0.0.1", port)).ok()?;
        let (n, _) = s.recv_from(buf).ok()?;
        Some(buf[..n].to_vec())
    };
    // The server needs a moment to bind: retry the first datagram.
    loop {
        if let Some(r) = echo(&a, b"first", &mut buf) {
            assert_eq!(r, b"first");
            break;
        }
        assert!(Instant::now() < deadline, "no UDP echo through port {port}");
    }
    assert_eq!(
        echo(&b, b"from-b", &mut buf).as_deref(),
        Some(&b"from-b"[..])
    );
    assert_eq!(
        echo(&a, b"again-a", &mut buf).as_deref(),
        Some(&b"again-a"[..])
    );
}

/// A one-line HTTP server on the host's loopback, for outbound tests.
fn host_server() -> (u16, std::thread::JoinHandle<()>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let h = std::thread::spawn(move || {
        for s in l.incoming().take(2) {
            let Ok(mut s) = s else { continue };
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf);
            let _ = s.write_all(b"HTTP/1.0 200 OK\r\nContent-Length: 16\r\n\r\nhello-from-host\n");
        }
    });
    (port, h)
}

fn outbound(network: &str) {
    let t = TestEnv::new(&format!("net-out-{network}"));
    let (port, server) = host_server();
    // host.containers.internal and an --add-host name for the host, both resolved by the
    // container's /etc/hosts; the helper maps them to the host's loopback.
    let r = t.ok([
        "run",
        "--rm",
        "--network",
        network,
        "--add-host",
        "myhost:host-gateway",
        "--add-host",
        "db.example:10.1.2.3",
        &img("busybox"),
        "sh",
        "-c",
        &format!(
            "wget -qO- http://host.containers.internal:{port}/ && wget -qO- http://myhost:{port}/ \
             && grep db.example /etc/hosts && ip route | grep -c default"
        ),
    ]);
    assert_eq!(
        r.stdout.matches("hello-from-host").count(),
        2,
        "{}",
        r.describe()
    );
    assert!(
        r.stdout.contains("10.1.2.3\tdb.example"),
        "{}",
        r.describe()
    );
    assert!(r.stdout.trim_end().ends_with('1'), "{}", r.describe());
    server.join().unwrap();
}

#[test]
fn outbound_through_pasta_reaches_the_host() {
    outbound("pasta");
}

#[test]
fn outbound_through_slirp4netns_reaches_the_host() {
    outbound("slirp4netns");
}

#[test]
fn dns_settings_and_hostname_in_etc_files() {
    let t = TestEnv::new("net-dns");
    let r = t.ok([
        "run",
        "--rm",
        "--hostname",
        "box",
        "--dns",
        "192.0.2.53",
        "--dns-search",
        "corp.example",
        "--dns-option",
        "ndots:2",
        &img("busybox"),
        "sh",
        "-c",
        "cat /etc/resolv.conf; hostname; grep box /etc/hosts",
    ]);
    assert!(
        r.stdout
            .contains("search corp.example\nnameserver 192.0.2.53\noptions ndots:2\n"),
        "{}",
        r.describe()
    );
    assert!(r.stdout.contains("box\n127.0.1.1\tbox"), "{}", r.describe());
}

#[test]
fn network_none_has_only_loopback() {
    let t = TestEnv::new("net-none");
    let (port, _server) = host_server();
    let r = t.run([
        "run",
        "--rm",
        "--network",
        "none",
        &img("busybox"),
        "sh",
        "-c",
        &format!(
            "ip -o link | cut -d: -f2; echo routes:$(ip route | wc -l); \
             wget -T 2 -qO- http://192.0.2.1:{port}/ || echo unreachable"
        ),
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(
        r.stdout.lines().next().map(str::trim),
        Some("lo"),
        "{}",
        r.describe()
    );
    assert!(r.stdout.contains("routes:0"), "{}", r.describe());
    assert!(r.stdout.contains("unreachable"), "{}", r.describe());
    // Ports cannot be published without a network.
    let p = t.run([
        "run",
        "--rm",
        "--network",
        "none",
        "-p",
        "8080:80",
        &img("busybox"),
        "true",
    ]);
    assert_eq!(p.code, 125, "{}", p.describe());
    assert!(p.stderr.contains("--network none"), "{}", p.describe());
}

/// `--network host`, rootless: the host's interfaces and loopback; /sys cannot be a fresh sysfs
/// without a network namespace of the container's own, so it is the host's, bound read-only.
#[test]
fn network_host_shares_the_hosts_loopback() {
    let t = TestEnv::new("net-host");
    let (port, server) = host_server();
    let r = t.run([
        "run",
        "--rm",
        "--network",
        "host",
        &img("busybox"),
        "sh",
        "-c",
        &format!(
            "wget -qO- http://127.0.0.1:{port}/ && grep ' /sys ' /proc/self/mounts && \
             ls /sys/class/net"
        ),
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stdout.contains("hello-from-host"), "{}", r.describe());
    let sys = r
        .stdout
        .lines()
        .find(|l| l.contains(" /sys "))
        .unwrap_or("");
    assert!(
        sys.contains(" ro,") || sys.contains(" ro "),
        "{}",
        r.describe()
    );
    assert!(r.stdout.lines().any(|l| l == "lo"), "{}", r.describe());
    drop(server);
}

#[test]
fn container_network_shares_localhost() {
    let t = TestEnv::new("net-shared");
    t.ok(["run", "-d", "--name", "web", &img("httpd")]);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let r = t.run([
            "run",
            "--rm",
            "--network",
            "container:web",
            &img("busybox"),
            "wget",
            "-qO-",
            "http://127.0.0.1:80/",
        ]);
        if r.code == 0 {
            assert!(
                r.stdout.contains("hello from skiff httpd"),
                "{}",
                r.describe()
            );
            break;
        }
        assert!(Instant::now() < deadline, "{}", r.describe());
        std::thread::sleep(Duration::from_millis(100));
    }
    // A stopped target is a clear error.
    t.ok(["stop", "-t", "0", "web"]);
    let r = t.run([
        "run",
        "--rm",
        "--network",
        "container:web",
        &img("busybox"),
        "true",
    ]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(r.stderr.contains("not running"), "{}", r.describe());
}

#[test]
fn port_errors_name_the_port_and_the_fix() {
    let t = TestEnv::new("net-errors");
    // In use: held by this test.
    let held = TcpListener::bind("0.0.0.0:0").unwrap();
    let port = held.local_addr().unwrap().port();
    let r = t.run(["run", "-d", "-p", &format!("{port}:80"), &img("httpd")]);
    // podman's code: the container could not be started.
    assert_eq!(r.code, 126, "{}", r.describe());
    assert!(
        r.stderr.contains(&format!("host port {port}/tcp")) && r.stderr.contains("already in use"),
        "{}",
        r.describe()
    );
    // Nothing is left running after the failed start.
    let ps = t.ok(["ps", "-q"]).stdout;
    assert!(ps.trim().is_empty(), "{ps}");
    // Privileged ports, where the host keeps them for root.
    let start: u16 = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    if start > 80 {
        let r = t.run(["run", "--rm", "-p", "80:80", &img("busybox"), "true"]);
        assert_eq!(r.code, 125, "{}", r.describe());
        assert!(
            r.stderr.contains("net.ipv4.ip_unprivileged_port_start=80"),
            "{}",
            r.describe()
        );
    }
    let bad = t.run(["run", "--rm", "-p", "80/sctp", &img("busybox"), "true"]);
    assert_eq!(bad.code, 125, "{}", bad.describe());
    assert!(bad.stderr.contains("sctp"), "{}", bad.describe());
}

/// With no pasta or slirp4netns to be found, the error names the package that installs it.
/// SKIFF_HELPER_BINARIES_DIR (podman's helper_binaries_dir) hides the installed ones here.
#[test]
fn missing_network_helpers_name_their_package() {
    let t = TestEnv::new("net-nohelper");
    let helpers = t.dir.join("helpers");
    std::fs::create_dir_all(&helpers).unwrap();
    for prog in ["newuidmap", "newgidmap"] {
        std::os::unix::fs::symlink(format!("/usr/bin/{prog}"), helpers.join(prog)).unwrap();
    }
    let run = |net: Option<&str>| {
        let mut args = vec!["run", "--rm"];
        if let Some(n) = net {
            args.extend(["--network", n]);
        }
        let image = img("busybox");
        args.extend([image.as_str(), "true"]);
        crate::util::Run::from(
            t.cmd(&args)
                .env("SKIFF_HELPER_BINARIES_DIR", &helpers)
                .output()
                .unwrap(),
        )
    };
    let r = run(Some("pasta"));
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("pasta is not installed") && r.stderr.contains("apt install passt"),
        "{}",
        r.describe()
    );
    let r = run(Some("slirp4netns"));
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("slirp4netns is not installed")
            && r.stderr.contains("apt install slirp4netns"),
        "{}",
        r.describe()
    );
    // The default mode has neither to choose from.
    let r = run(None);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("no rootless network helper found")
            && r.stderr.contains("apt install passt")
            && r.stderr.contains("--network none"),
        "{}",
        r.describe()
    );
    // Without networking nothing else is missing.
    let r = run(Some("none"));
    assert_eq!(r.code, 0, "{}", r.describe());
}
