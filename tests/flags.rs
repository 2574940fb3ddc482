//! podman's flags, accepted and honoured: registry access on pulling commands, --latest and the
//! selection flags on the commands that take containers, list formatting.

use std::process::Command;

use crate::util::{registry, TestEnv};

fn img(name: &str) -> String {
    format!("{}/{name}:latest", registry())
}

#[test]
fn pull_registry_flags_tls_verify_cert_dir_creds_authfile_all_tags() {
    let t = TestEnv::new("flags-pull");
    // --tls-verify=true: no plain-HTTP fallback, even on loopback.
    let r = t.run(["pull", "--tls-verify=true", &img("busybox")]);
    assert_eq!(r.code, 125, "{}", r.describe());
    // TLS with a CA skiff does not know: --cert-dir, or --tls-verify=false.
    let reg = std::env::var("SKIFF_TEST_TLS_REGISTRY").expect("run through tests/run.sh");
    let ca = std::env::var("SKIFF_TEST_TLS_CA").unwrap();
    let tls_image = format!("{reg}/busybox:latest");
    assert_eq!(t.run(["pull", &tls_image]).code, 125);
    let certs = t.dir.join("certs");
    std::fs::create_dir_all(&certs).unwrap();
    std::fs::copy(&ca, certs.join("ca.crt")).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&certs, u.uid, u.gid);
    }
    t.ok([
        "pull",
        "-q",
        "--cert-dir",
        certs.to_str().unwrap(),
        &tls_image,
    ]);
    t.ok(["rmi", &tls_image]);
    t.ok(["pull", "-q", "--tls-verify=false", &tls_image]);
    // Basic auth: --creds, or --authfile with a docker-style auth.json.
    let areg = std::env::var("SKIFF_TEST_AUTH_REGISTRY").unwrap();
    let user = std::env::var("SKIFF_TEST_AUTH_USER").unwrap();
    let pass = std::env::var("SKIFF_TEST_AUTH_PASSWORD").unwrap();
    let auth_image = format!("{areg}/busybox:latest");
    assert_eq!(t.run(["pull", &auth_image]).code, 125);
    t.ok([
        "pull",
        "-q",
        "--creds",
        &format!("{user}:{pass}"),
        &auth_image,
    ]);
    t.ok(["rmi", &auth_image]);
    let authfile = t.dir.join("auth.json");
    let token = base64_encode(format!("{user}:{pass}").as_bytes());
    std::fs::write(
        &authfile,
        format!("{{\"auths\":{{\"{areg}\":{{\"auth\":\"{token}\"}}}}}}"),
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&authfile, u.uid, u.gid);
    }
    t.ok([
        "pull",
        "-q",
        "--authfile",
        authfile.to_str().unwrap(),
        &auth_image,
    ]);
    // run takes the same flags.
    t.ok(["rmi", &auth_image]);
    let r = t.ok([
        "run",
        "--rm",
        "--creds",
        &format!("{user}:{pass}"),
        &auth_image,
        "echo",
        "pulled by run",
    ]);
    assert!(r.stdout.contains("pulled by run"));
    // --all-tags: every tag of a repository (two tags made here with skopeo).
    for tag in ["one", "two"] {
        let st = Command::new("skopeo")
            .args([
                "copy",
                "--quiet",
                "--src-tls-verify=false",
                "--dest-tls-verify=false",
            ])
            .arg(format!("docker://{}", img("busybox")))
            .arg(format!("docker://{}/alltags:{tag}", registry()))
            .status()
            .unwrap();
        assert!(st.success(), "skopeo copy");
    }
    let repo = format!("{}/alltags", registry());
    let r = t.ok(["pull", "--all-tags", "-q", &repo]);
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.describe());
    let names = t
        .ok(["images", "--format", "{{.Repository}}:{{.Tag}}", &repo])
        .stdout;
    assert!(
        names.contains(&format!("{repo}:one")) && names.contains(&format!("{repo}:two")),
        "{names}"
    );
}

fn base64_encode(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn latest_and_selection_flags_on_container_commands() {
    let t = TestEnv::new("flags-latest");
    let image = img("busybox");
    t.ok([
        "run",
        "-d",
        "--name",
        "a",
        &image,
        "sh",
        "-c",
        "echo from-a; sleep 60",
    ]);
    t.ok([
        "run",
        "-d",
        "--name",
        "b",
        &image,
        "sh",
        "-c",
        "echo from-b; sleep 60",
    ]);
    let b = t.ok(["inspect", "-l", "--format", "{{.Name}}"]).stdout;
    assert_eq!(b.trim(), "b");
    assert_eq!(t.ok(["exec", "-l", "hostname"]).stdout.trim().len(), 12);
    assert!(t.ok(["top", "-l"]).stdout.contains("sleep 60"));
    // logs --names prefixes the name.
    for _ in 0..50 {
        if t.ok(["logs", "b"]).stdout.contains("from-b") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(t.ok(["logs", "-l", "--names"]).stdout, "b from-b\n");
    // inspect --type, --size.
    assert_eq!(t.run(["inspect", "--type", "image", "a"]).code, 125);
    let j = t
        .ok(["inspect", "--size", "--type", "container", "a"])
        .json();
    assert!(j[0]["SizeRw"].is_u64() && j[0]["SizeRootFs"].as_u64() > j[0]["SizeRw"].as_u64());
    // pause/unpause --all, restart --running, stats --no-stream -l.
    let paused = t.ok(["pause", "--all"]).stdout;
    assert_eq!(paused.lines().count(), 2, "{paused}");
    assert_eq!(
        t.ok(["ps", "--filter", "status=paused", "-q"])
            .stdout
            .lines()
            .count(),
        2
    );
    assert_eq!(t.ok(["unpause", "-a"]).stdout.lines().count(), 2);
    assert!(
        t.ok([
            "stats",
            "--no-stream",
            "-l",
            "--no-trunc",
            "--format",
            "{{.ID}}"
        ])
        .stdout
        .trim()
        .len()
            == 64
    );
    t.ok(["stop", "-t", "0", "a"]);
    // start --all starts the stopped one; restart --all --running restarts both.
    assert_eq!(t.ok(["start", "--all"]).stdout.lines().count(), 1);
    assert_eq!(
        t.ok(["restart", "-t", "0", "--all", "--running"])
            .stdout
            .lines()
            .count(),
        2
    );
    // wait --ignore for a missing one; --interval.
    let r = t.ok(["wait", "--ignore", "--interval", "20ms", "nosuch"]);
    assert_eq!(r.stdout.trim(), "-1");
    // ps --sort names --noheading, images --noheading.
    let r = t.ok([
        "ps",
        "--sort",
        "names",
        "--noheading",
        "--format",
        "{{.Names}}",
    ]);
    assert_eq!(r.stdout, "a\nb\n");
    let r = t.ok(["ps", "--noheading"]);
    assert!(!r.stdout.contains("CONTAINER ID"), "{}", r.describe());
    assert_eq!(r.stdout.lines().count(), 2);
    let r = t.ok(["images", "--noheading", "--sort", "repository"]);
    assert!(!r.stdout.contains("REPOSITORY"));
    t.ok(["rm", "-f", "-a"]);
}

#[test]
fn cp_archive_and_overwrite() {
    let t = TestEnv::new("flags-cp");
    let show = "stat -c '%u %F %n' /tmp/owned /tmp/rootowned";
    t.ok([
        "create",
        "--name",
        "c",
        "--user",
        "1000:1000",
        &img("busybox"),
        "sh",
        "-c",
        show,
    ]);
    let own = |p: &std::path::Path| {
        if let Some(u) = &t.user {
            crate::util::chown_r(p, u.uid, u.gid);
        }
    };
    let src = t.dir.join("file");
    std::fs::write(&src, "x").unwrap();
    own(&src);
    let s = src.to_str().unwrap();
    // --archive (the default): the container's user owns what comes in; without, its root.
    t.ok(["cp", s, "c:/tmp/owned"]);
    t.ok(["cp", "--archive=false", s, "c:/tmp/rootowned"]);
    let r = t.ok(["start", "-a", "c"]);
    assert_eq!(
        r.stdout,
        "1000 regular file /tmp/owned\n0 regular file /tmp/rootowned\n",
        "{}",
        r.describe()
    );
    // A directory may not replace a file without --overwrite.
    let dir = t.dir.join("adir");
    std::fs::create_dir_all(&dir).unwrap();
    own(&dir);
    let r = t.run(["cp", dir.to_str().unwrap(), "c:/tmp/owned"]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("cannot overwrite non-directory"),
        "{}",
        r.describe()
    );
    t.ok(["cp", "--overwrite", dir.to_str().unwrap(), "c:/tmp/owned"]);
    let r = t.ok(["start", "-a", "c"]);
    assert!(
        r.stdout.starts_with("1000 directory /tmp/owned\n"),
        "{}",
        r.describe()
    );
    // Out to the host: a directory where a file is needs --overwrite too.
    let out = t.dir.join("out");
    std::fs::write(&out, "a file").unwrap();
    own(&out);
    let o = out.to_str().unwrap();
    assert_eq!(t.run(["cp", "c:/tmp/owned", o]).code, 125);
    t.ok(["cp", "--overwrite", "c:/tmp/owned", o]);
    assert!(out.is_dir());
}

#[test]
fn run_environment_devices_sysctls_shm_tz_and_timeouts() {
    let t = TestEnv::new("flags-run");
    let image = img("busybox");
    let r = {
        let mut c = t.cmd([
            "run",
            "--rm",
            "--shm-size",
            "1g",
            "--tz",
            "Europe/Paris",
            "--env-merge",
            "PATH=/opt:${PATH}",
            "--unsetenv",
            "container",
            "--device",
            "/dev/fuse",
            "--sysctl",
            "net.ipv4.ip_forward=1",
            "--sysctl",
            "kernel.domainname=example.org",
            "--oom-score-adj",
            "500",
            "--personality",
            "LINUX32",
            "--no-hosts",
            &image,
            "sh",
            "-c",
            "df -k /dev/shm | tail -1 | awk '{print $2}'; echo $TZ $PATH $HTTPS_PROXY; \
             test -c /dev/fuse && echo fuse; cat /proc/sys/net/ipv4/ip_forward \
             /proc/sys/kernel/domainname /proc/self/oom_score_adj; uname -m; \
             test -e /etc/hosts || echo no-hosts; test -s /etc/localtime && echo tz",
        ]);
        c.env("HTTPS_PROXY", "http://proxy.example:3128");
        c
    }
    .output()
    .unwrap();
    let r = crate::util::Run::from(r);
    assert_eq!(r.code, 0, "{}", r.describe());
    let want =
        "1048576\nEurope/Paris /opt:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
                http://proxy.example:3128\nfuse\n1\nexample.org\n500\ni686\nno-hosts\ntz\n";
    assert_eq!(r.stdout, want, "{}", r.describe());
    // --http-proxy=false keeps the host's proxy out.
    let mut c = t.cmd([
        "run",
        "--rm",
        "--http-proxy=false",
        &image,
        "sh",
        "-c",
        "echo x${HTTPS_PROXY}x",
    ]);
    c.env("HTTPS_PROXY", "http://proxy.example:3128");
    assert_eq!(crate::util::Run::from(c.output().unwrap()).stdout, "xx\n");
    // Refused with the reason: a host-wide sysctl, a missing device, a bad size.
    for (args, why) in [
        (
            &["--sysctl", "vm.swappiness=1"][..],
            "not a namespaced parameter",
        ),
        (
            &["--device", "/dev/skiff-nonexistent"][..],
            "no such device",
        ),
        (&["--shm-size", "lots"][..], "--shm-size"),
        (&["--tz", "Nowhere/Atlantis"][..], "no time zone"),
    ] {
        let mut v = vec!["run", "--rm"];
        v.extend_from_slice(args);
        v.extend([image.as_str(), "true"]);
        let r = t.run(&v);
        assert_eq!(r.code, 125, "{}", r.describe());
        assert!(r.stderr.contains(why), "{}", r.describe());
    }
    // --timeout kills; --stop-timeout is stop's default wait.
    let r = t.run(["run", "--rm", "--timeout", "1", &image, "sleep", "30"]);
    assert_eq!(r.code, 137, "{}", r.describe());
    t.ok([
        "run",
        "-d",
        "--name",
        "d",
        "--timeout",
        "1",
        &image,
        "sleep",
        "30",
    ]);
    assert_eq!(t.ok(["wait", "d"]).stdout.trim(), "137");
    t.ok([
        "run",
        "-d",
        "--name",
        "s",
        "--stop-timeout",
        "1",
        &image,
        "sleep",
        "30",
    ]);
    let started = std::time::Instant::now();
    t.ok(["stop", "s"]);
    // sleep as PID 1 ignores SIGTERM: stop waited --stop-timeout, not 10 s, before SIGKILL.
    assert!(started.elapsed() < std::time::Duration::from_secs(8));
    t.ok(["rm", "-a", "-f"]);
}

#[test]
fn run_record_flags_labels_annotations_expose_volumes_pidfiles_requires_rmi_passwd() {
    let t = TestEnv::new("flags-record");
    let image = img("nettools");
    let labels = t.dir.join("labels");
    std::fs::write(&labels, "# comment\nfrom=file\nboth=file\n").unwrap();
    let pidfile = t.dir.join("pid");
    let conmon = t.dir.join("conmon");
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.dir, u.uid, u.gid);
    }
    t.ok([
        "run",
        "-d",
        "--name",
        "base",
        &img("busybox"),
        "sleep",
        "60",
    ]);
    t.ok(["stop", "-t", "0", "base"]);
    t.ok([
        "run",
        "-d",
        "--name",
        "c",
        "--label-file",
        labels.to_str().unwrap(),
        "--label",
        "both=flag",
        "--annotation",
        "team=infra",
        "--expose",
        "9000-9001/tcp",
        "-P",
        "--image-volume",
        "tmpfs",
        "--pidfile",
        pidfile.to_str().unwrap(),
        "--conmon-pidfile",
        conmon.to_str().unwrap(),
        "--requires",
        "base",
        &image,
        "sh",
        "-c",
        "grep ' /srv/data ' /proc/mounts | cut -d' ' -f3; sleep 60",
    ]);
    let j = t.ok(["inspect", "c"]).json();
    assert_eq!(j[0]["Config"]["Labels"]["from"], "file");
    assert_eq!(j[0]["Config"]["Labels"]["both"], "flag");
    assert_eq!(j[0]["Config"]["Annotations"]["team"], "infra");
    let ports = t.ok(["port", "c"]).stdout;
    assert!(
        ports.contains("9000/tcp") && ports.contains("9001/tcp") && ports.contains("80/tcp"),
        "{ports}"
    );
    // The container's PID and its supervisor's.
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    assert_eq!(pid, j[0]["State"]["Pid"].to_string());
    let watcher: i32 = std::fs::read_to_string(&conmon).unwrap().parse().unwrap();
    assert!(std::path::Path::new(&format!("/proc/{watcher}")).exists());
    // --requires started base; --image-volume tmpfs made the image's VOLUME a tmpfs.
    assert_eq!(
        t.ok(["inspect", "--format", "{{.State.Status}}", "base"])
            .stdout
            .trim(),
        "running"
    );
    for _ in 0..50 {
        if !t.ok(["logs", "c"]).stdout.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(t.ok(["logs", "c"]).stdout.trim(), "tmpfs");
    // --image-volume ignore: no mount at all.
    let r = t.ok([
        "run",
        "--rm",
        "--image-volume",
        "ignore",
        &image,
        "sh",
        "-c",
        "grep -c ' /srv/data ' /proc/mounts || true",
    ]);
    assert_eq!(r.stdout.trim(), "0");
    // --passwd: a numeric --user gets an entry; --passwd-entry shapes it; --passwd=false none.
    let r = t.ok([
        "run",
        "--rm",
        "--user",
        "4242:4242",
        &image,
        "sh",
        "-c",
        "whoami; grep ^4242 /etc/passwd",
    ]);
    assert_eq!(
        r.stdout,
        "4242\n4242:*:4242:4242:container user:/:/bin/sh\n"
    );
    let r = t.ok([
        "run",
        "--rm",
        "--user",
        "4242",
        "--passwd-entry",
        "me:x:$UID:$GID::$HOME:/bin/false",
        &image,
        "grep",
        "^me:",
        "/etc/passwd",
    ]);
    assert_eq!(r.stdout, "me:x:4242:4242::/:/bin/false\n");
    let r = t.run([
        "run",
        "--rm",
        "--user",
        "4242",
        "--passwd=false",
        &image,
        "grep",
        "4242",
        "/etc/passwd",
    ]);
    assert_eq!(r.code, 1, "{}", r.describe());
    // --hostuser copies a host account.
    let r = t.ok([
        "run",
        "--rm",
        "--hostuser",
        "skiff-nosub",
        &image,
        "grep",
        "^skiff-nosub:",
        "/etc/passwd",
    ]);
    assert!(r.stdout.starts_with("skiff-nosub:*:"), "{}", r.describe());
    // --subuidname of someone else is refused with the reason.
    let r = t.run(["run", "--rm", "--subuidname", "root", &image, "true"]);
    assert!(
        r.code == 125 && r.stderr.contains("only your own"),
        "{}",
        r.describe()
    );
    // --rmi: the image goes with the container, unless others use it.
    t.ok(["pull", "-q", &img("entry")]);
    t.ok(["run", "--rmi", &img("entry"), "true"]);
    assert_eq!(t.run(["image", "inspect", &img("entry")]).code, 125);
    t.ok(["run", "--rmi", &image, "true"]);
    t.ok(["image", "inspect", &image]);
    t.ok(["rm", "-f", "-a"]);
}

#[test]
fn volume_image_container_prune_and_rmi_flags() {
    let t = TestEnv::new("flags-vol");
    let image = img("busybox");
    // A tmpfs volume (--opt), --driver local only.
    t.ok([
        "volume",
        "create",
        "--opt",
        "type=tmpfs",
        "--opt",
        "device=tmpfs",
        "--opt",
        "o=size=2m",
        "tv",
    ]);
    let r = t.ok([
        "run",
        "--rm",
        "-v",
        "tv:/t",
        &image,
        "sh",
        "-c",
        "grep ' /t ' /proc/mounts | cut -d' ' -f3",
    ]);
    assert_eq!(r.stdout.trim(), "tmpfs");
    assert_eq!(
        t.ok(["volume", "inspect", "--format", "{{.Options.o}}", "tv"])
            .stdout
            .trim(),
        "size=2m"
    );
    assert_eq!(
        t.run(["volume", "create", "--driver", "nfs", "x"]).code,
        125
    );
    t.ok(["volume", "create", "--label", "keep=yes", "kept"]);
    t.ok(["volume", "create", "plain"]);
    assert_eq!(
        t.ok(["volume", "inspect", "--all", "--format", "{{.Name}}"])
            .stdout
            .lines()
            .count(),
        3
    );
    assert!(!t
        .ok(["volume", "ls", "--noheading"])
        .stdout
        .contains("VOLUME NAME"));
    // prune --filter label!=: the labelled one stays; without -f nothing happens.
    assert_eq!(t.ok(["volume", "prune"]).stdout, "");
    let r = t.ok(["volume", "prune", "-f", "--filter", "label!=keep"]);
    let mut gone: Vec<&str> = r.stdout.lines().collect();
    gone.sort();
    assert_eq!(gone, ["plain", "tv"]);
    // rm -f --all stops a running user first (within --time).
    t.ok([
        "run", "-d", "--name", "user", "-v", "kept:/k", &image, "sleep", "60",
    ]);
    assert_eq!(t.run(["volume", "rm", "kept"]).code, 125);
    assert_eq!(
        t.ok(["volume", "rm", "-f", "-t", "0", "--all"])
            .stdout
            .trim(),
        "kept"
    );
    assert!(t.ok(["ps", "-aq"]).stdout.trim().is_empty());
    // container prune --filter label=.
    t.ok(["create", "--label", "tier=web", &image, "true"]);
    t.ok(["create", &image, "true"]);
    assert_eq!(
        t.ok(["container", "prune", "-f", "--filter", "label=tier=web"])
            .stdout
            .lines()
            .count(),
        1
    );
    assert_eq!(t.ok(["ps", "-aq"]).stdout.lines().count(), 1);
    t.ok(["rm", "-a"]);
    // image prune -a --filter until= (images from 2023 are older than a minute).
    let r = t.ok(["image", "prune", "-a", "-f", "--filter", "until=1m"]);
    assert!(r.stdout.lines().count() >= 1, "{}", r.describe());
    // rmi --ignore.
    t.ok(["rmi", "--ignore", "nosuch-image"]);
    assert_eq!(t.run(["rmi", "nosuch-image"]).code, 125);
    // events --no-trunc=false shortens ids.
    let ev = t
        .ok([
            "events",
            "--stream=false",
            "--no-trunc=false",
            "--filter",
            "event=create",
        ])
        .stdout;
    let id = ev
        .lines()
        .next()
        .unwrap()
        .split_whitespace()
        .nth(6)
        .unwrap()
        .to_string();
    assert_eq!(id.len(), 12, "{ev}");
}

#[test]
fn resource_limits_as_root_and_refused_without_cgroups() {
    let image = img("busybox");
    // As the unprivileged user on this machine (cgroup v1, nothing delegated): refused, with why.
    let t = TestEnv::new("flags-limits");
    let r = t.run(["run", "--rm", "--memory", "32m", &image, "true"]);
    if crate::util::is_root() {
        assert_eq!(r.code, 125, "{}", r.describe());
        assert!(
            r.stderr.contains("--memory") && r.stderr.contains("Fix:"),
            "{}",
            r.describe()
        );
    }
    assert!(t.ok(["ps", "-aq"]).stdout.trim().is_empty());
    if !crate::util::is_root() {
        return;
    }
    // As root (cgroup v1 controllers: memory, pids, cpu): the limits hold.
    let t = TestEnv::as_self("flags-limits-root");
    let r = t.run([
        "run",
        "--name",
        "oom",
        "--memory",
        "32m",
        &image,
        "sh",
        "-c",
        "x=$(head -c 67108864 /dev/zero | tr '\\0' a); echo survived",
    ]);
    assert_eq!(r.code, 137, "{}", r.describe());
    assert!(!r.stdout.contains("survived"));
    let state = t.ok([
        "inspect",
        "--format",
        "{{.State.OOMKilled}} {{.State.ExitCode}}",
        "oom",
    ]);
    assert_eq!(state.stdout.trim(), "true 137");
    // A fork bomb stops at --pids-limit.
    let r = t.ok([
        "run",
        "--rm",
        "--pids-limit",
        "10",
        &image,
        "sh",
        "-c",
        // Builtins only after the forks: a fork more would fail too.
        "for i in $(seq 30); do sh -c 'sleep 30 &' 2>/dev/null; done; set -- /proc/[0-9]*; echo $#",
    ]);
    let procs: u32 = r.stdout.trim().parse().unwrap();
    assert!(procs <= 10, "{procs} processes under --pids-limit 10");
    // --cpus: the quota; stats shows the memory limit.
    t.ok([
        "run", "-d", "--name", "lim", "--cpus", "0.5", "--memory", "64m", &image, "sleep", "60",
    ]);
    let st = t.ok(["stats", "--no-stream", "--format", "{{.MemUsage}}", "lim"]);
    // 64 MiB in the SI units stats prints, as podman does.
    assert!(st.stdout.trim().ends_with("/ 67.11MB"), "{}", st.describe());
    t.ok(["rm", "-f", "-a"]);
}

#[test]
fn namespaces_attach_chrootdirs_and_accepted_flags() {
    let t = TestEnv::new("flags-ns");
    let image = img("busybox");
    let host_ns = |n: &str| std::fs::read_link(format!("/proc/self/ns/{n}")).unwrap();
    let ns = |flag: &str, n: &str| {
        let r = t.ok([
            "run",
            "--rm",
            flag,
            &image,
            "readlink",
            &format!("/proc/self/ns/{n}"),
        ]);
        std::path::PathBuf::from(r.stdout.trim())
    };
    // host: the host's namespace (the test user's are the host's here); default: its own.
    for (flag, n) in [
        ("--pid=host", "pid"),
        ("--uts=host", "uts"),
        ("--ipc=host", "ipc"),
    ] {
        assert_eq!(ns(flag, n), host_ns(n), "{flag}");
        assert_ne!(ns("--ipc=private", n), host_ns(n), "{flag} default");
    }
    let r = t.ok([
        "run",
        "--rm",
        "--pid",
        "host",
        &image,
        "sh",
        "-c",
        "ls /proc | grep -c '^[0-9]'",
    ]);
    assert!(
        r.stdout.trim().parse::<u32>().unwrap() > 5,
        "{}",
        r.describe()
    );
    let r = t.ok(["run", "--rm", "--uts", "host", &image, "hostname"]);
    assert_eq!(
        r.stdout.trim(),
        nix::unistd::gethostname().unwrap().to_str().unwrap()
    );
    let r = t.ok([
        "run",
        "--rm",
        "--ipc",
        "none",
        &image,
        "sh",
        "-c",
        "grep -c ' /dev/shm ' /proc/mounts || true",
    ]);
    assert_eq!(r.stdout.trim(), "0");
    assert_eq!(
        t.run(["run", "--rm", "--pid", "container:x", &image, "true"])
            .code,
        125
    );
    // --chrootdirs get the generated /etc files.
    let r = t.ok([
        "run",
        "--rm",
        "--hostname",
        "jailed",
        "--chrootdirs",
        "/jail",
        &image,
        "cat",
        "/jail/etc/hostname",
    ]);
    assert_eq!(r.stdout.trim(), "jailed");
    // create --attach stderr: what start --attach shows later.
    t.ok([
        "create",
        "--name",
        "ca",
        "-a",
        "stderr",
        &image,
        "sh",
        "-c",
        "echo out; echo err >&2",
    ]);
    let r = t.ok(["start", "--attach", "ca"]);
    assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("", "err\n"));
    assert_eq!(t.ok(["logs", "ca"]).stdout, "out\n");
    // --attach stdout: stderr is logged, not shown.
    let r = t.ok([
        "run",
        "--name",
        "a",
        "-a",
        "stdout",
        &image,
        "sh",
        "-c",
        "echo out; echo err >&2",
    ]);
    assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("out\n", ""));
    assert_eq!(t.ok(["logs", "a"]).stderr, "err\n");
    // Accepted, with one line saying what has no effect.
    let r = t.ok([
        "run",
        "--rm",
        "--seccomp-policy",
        "image",
        "--init-path",
        "/x",
        &image,
        "true",
    ]);
    assert!(
        r.stderr.contains("--seccomp-policy=image") && r.stderr.contains("--init-path"),
        "{}",
        r.describe()
    );
    t.ok(["rm", "-a"]);
}

#[test]
fn log_drivers_and_rotation() {
    let t = TestEnv::new("flags-log");
    let image = img("busybox");
    // Rotation at 1 KiB, 100 files kept: every one of 300 lines, in order, across the files.
    t.ok([
        "run",
        "--name",
        "rot",
        "--log-opt",
        "max-size=1k",
        "--log-opt",
        "max-file=100",
        &image,
        "sh",
        "-c",
        "i=0; while [ $i -lt 300 ]; do echo line $i; i=$((i+1)); done",
    ]);
    let logs = t.ok(["logs", "rot"]).stdout;
    let want: String = (0..300).map(|i| format!("line {i}\n")).collect();
    assert_eq!(logs, want);
    let files = std::fs::read_dir(t.root.join("containers"))
        .unwrap()
        .flat_map(|d| std::fs::read_dir(d.unwrap().path()).into_iter().flatten())
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("ctr.log.")
        })
        .count();
    assert!(files >= 5, "{files} rotated files");
    // -f follows across rotations.
    t.ok([
        "run",
        "-d",
        "--name",
        "fol",
        "--log-opt",
        "max-size=1k",
        "--log-opt",
        "max-file=50",
        &image,
        "sh",
        "-c",
        "sleep 1; i=0; while [ $i -lt 200 ]; do echo f $i; i=$((i+1)); done",
    ]);
    let r = t.ok(["logs", "-f", "fol"]);
    let want: String = (0..200).map(|i| format!("f {i}\n")).collect();
    assert_eq!(r.stdout, want);
    // path=: the log where asked.
    let p = t.dir.join("my.log");
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.dir, u.uid, u.gid);
    }
    t.ok([
        "run",
        "--name",
        "pathed",
        "--log-opt",
        &format!("path={}", p.display()),
        &image,
        "echo",
        "here",
    ]);
    assert!(std::fs::read_to_string(&p)
        .unwrap()
        .ends_with(" stdout F here\n"));
    assert_eq!(t.ok(["logs", "pathed"]).stdout, "here\n");
    // none: nothing kept; passthrough: the foreground only, nothing kept.
    t.ok([
        "run",
        "--name",
        "quiet",
        "--log-driver",
        "none",
        &image,
        "echo",
        "x",
    ]);
    let r = t.run(["logs", "quiet"]);
    assert!(
        r.code == 125 && r.stderr.contains("--log-driver none"),
        "{}",
        r.describe()
    );
    let r = t.ok([
        "run",
        "--rm",
        "--log-driver",
        "passthrough",
        &image,
        "echo",
        "direct",
    ]);
    assert_eq!(r.stdout, "direct\n");
    let r = t.run(["run", "-d", "--log-driver", "passthrough", &image, "true"]);
    assert!(
        r.code == 125 && r.stderr.contains("foreground only"),
        "{}",
        r.describe()
    );
    if !std::path::Path::new("/run/systemd/journal/socket").exists() {
        let r = t.run(["run", "--rm", "--log-driver", "journald", &image, "true"]);
        assert!(
            r.code == 125 && r.stderr.contains("journald is not running"),
            "{}",
            r.describe()
        );
    }
    t.ok(["rm", "-a", "-f"]);
}

#[test]
fn health_on_failure_kills_restarts_or_stops() {
    let t = TestEnv::new("flags-health");
    let image = img("busybox");
    let run = |name: &str, action: &str| {
        t.ok([
            "run",
            "-d",
            "--name",
            name,
            "--health-cmd",
            "false",
            "--health-interval",
            "200ms",
            "--health-retries",
            "1",
            "--health-on-failure",
            action,
            "--stop-timeout",
            "1",
            &image,
            "sleep",
            "300",
        ]);
    };
    let wait_for = |what: &dyn Fn() -> bool| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !what() {
            assert!(std::time::Instant::now() < deadline, "timed out");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    };
    run("k", "kill");
    assert_eq!(t.ok(["wait", "k"]).stdout.trim(), "137");
    run("s", "stop");
    // sleep as PID 1 ignores the stop signal: killed after the grace, and not restarted.
    t.ok(["wait", "s"]);
    run("r", "restart");
    wait_for(&|| {
        t.ok(["inspect", "--format", "{{.RestartCount}}", "r"])
            .stdout
            .trim()
            != "0"
    });
    let r = t.run(["run", "--rm", "--health-on-failure", "kill", &image, "true"]);
    assert!(
        r.code == 125 && r.stderr.contains("needs a healthcheck"),
        "{}",
        r.describe()
    );
    t.ok(["rm", "-a", "-f"]);
}

#[test]
fn secrets_as_files_and_env_never_in_records() {
    let t = TestEnv::new("flags-secret");
    let image = img("busybox");
    let file = t.dir.join("pw");
    std::fs::write(&file, "s3cr3t-value\n").unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.dir, u.uid, u.gid);
    }
    let id = t
        .ok([
            "secret",
            "create",
            "--label",
            "app=db",
            "pw",
            file.to_str().unwrap(),
        ])
        .stdout;
    assert_eq!(id.trim().len(), 25);
    let mut c = t.cmd(["secret", "create", "token", "-"]);
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"tok-123").unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(
        t.ok(["secret", "ls", "--format", "{{.Name}}"]).stdout,
        "pw\ntoken\n"
    );
    let j = t.ok(["secret", "inspect", "pw"]).json();
    assert_eq!(j[0]["Spec"]["Labels"]["app"], "db");
    assert!(!j.to_string().contains("s3cr3t"));
    // A file at /run/secrets/NAME (mode, owner, target); an environment variable.
    let r = t.ok([
        "run", "--name", "user", "--secret", "pw", "--secret", "token,type=env,target=TOKEN",
        "--secret", "pw,target=/etc/app-pw,mode=0400,uid=1000,gid=1000", &image, "sh", "-c",
        "cat /run/secrets/pw; echo $TOKEN; stat -c '%a %u %g' /etc/app-pw; echo x > /run/secrets/pw || echo ro",
    ]);
    assert_eq!(
        r.stdout,
        "s3cr3t-value\ntok-123\n400 1000 1000\nro\n",
        "{}",
        r.describe()
    );
    // Never in the container's record, nor in inspect.
    let inspect = t.ok(["inspect", "user"]).stdout;
    assert!(!inspect.contains("s3cr3t") && !inspect.contains("tok-123"));
    let records = std::process::Command::new("grep")
        .args(["-rl", "--include=container.json", "tok-123"])
        .arg(t.root.join("containers"))
        .output()
        .unwrap();
    assert!(
        records.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&records.stdout)
    );
    let r = t.run(["run", "--rm", "--secret", "nosuch", &image, "true"]);
    assert!(
        r.code == 125 && r.stderr.contains("secret create"),
        "{}",
        r.describe()
    );
    t.ok(["rm", "user"]);
    assert_eq!(t.ok(["secret", "rm", "--all"]).stdout.lines().count(), 2);
}

#[test]
fn global_flags_and_containers_conf() {
    let t = TestEnv::new("flags-global");
    let image = img("busybox");
    // --noout, --events-backend none, and the accepted ones with their one line each.
    assert_eq!(t.ok(["--noout", "pull", &image]).stdout, "");
    t.ok([
        "--events-backend",
        "none",
        "run",
        "--rm",
        "--name",
        "quiet",
        &image,
        "true",
    ]);
    let ev = t
        .ok(["events", "--stream=false", "--filter", "container=quiet"])
        .stdout;
    assert!(ev.is_empty(), "{ev}");
    let r = t.ok([
        "--cgroup-manager",
        "systemd",
        "--runtime",
        "crun",
        "--runtime-flag",
        "debug",
        "--storage-driver",
        "overlay",
        "--syslog",
        "ps",
    ]);
    assert!(
        r.stderr.contains("--cgroup-manager=systemd") && r.stderr.contains("--runtime"),
        "{}",
        r.describe()
    );
    assert_eq!(t.run(["--storage-driver", "vfs", "ps"]).code, 125);
    // containers.conf: defaults the flags leave open; flags still win.
    let conf = t.dir.join("containers.conf");
    let events = t.dir.join("events.log");
    std::fs::write(
        &conf,
        format!(
            "[containers]\nenv = [\"FROM_CONF=yes\"]\ndns_servers = [\"192.0.2.53\"]\n\
             tz = \"Europe/Paris\"\ndefault_ulimits = [\"nofile=500:600\"]\n\
             [engine]\nevents_logfile_path = \"{}\"\n[network]\ndefault_network = \"none\"\n",
            events.display()
        ),
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.dir, u.uid, u.gid);
    }
    let run = |extra: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(extra);
        args.extend([
            image.as_str(),
            "sh",
            "-c",
            "echo $FROM_CONF $TZ; grep nameserver /etc/resolv.conf; ulimit -n; ls /sys/class/net | tr '\\n' ' '",
        ]);
        let mut c = t.cmd(&args);
        c.env("CONTAINERS_CONF", &conf);
        crate::util::Run::from(c.output().unwrap())
    };
    let r = run(&[]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(
        r.stdout,
        "yes Europe/Paris\nnameserver 192.0.2.53\n500\nlo ",
        "{}",
        r.describe()
    );
    let r = run(&[
        "--dns",
        "192.0.2.1",
        "--ulimit",
        "nofile=700:800",
        "-e",
        "FROM_CONF=flag",
    ]);
    assert!(
        r.stdout
            .starts_with("flag Europe/Paris\nnameserver 192.0.2.1\n700\n"),
        "{}",
        r.describe()
    );
    assert!(std::fs::read_to_string(&events)
        .unwrap()
        .contains("\"create\""));
}

#[test]
fn system_df_and_prune() {
    let t = TestEnv::new("flags-sys");
    let image = img("busybox");
    t.ok(["pull", "-q", &img("entry")]);
    t.ok([
        "run", "-d", "--name", "up", "-v", "used:/u", &image, "sleep", "60",
    ]);
    t.ok(["run", "--name", "done", &image, "true"]);
    t.ok(["volume", "create", "spare"]);
    let j = t.ok(["system", "df", "--format", "json"]).json();
    assert_eq!(j[0]["Type"], "Images");
    assert_eq!(
        (j[0]["Total"].as_u64(), j[0]["Active"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        (j[1]["Total"].as_u64(), j[1]["Active"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        (j[2]["Total"].as_u64(), j[2]["Active"].as_u64()),
        (Some(2), Some(1))
    );
    let v = t.ok(["system", "df", "-v"]).stdout;
    assert!(
        v.contains("Containers space usage") && v.contains("spare"),
        "{v}"
    );
    // Without -f and without a terminal: nothing.
    assert_eq!(t.ok(["system", "prune"]).stdout, "");
    let r = t.ok(["system", "prune", "-a", "--volumes", "-f"]);
    assert!(
        r.stdout.contains("Deleted Containers") && r.stdout.contains("Deleted Volumes"),
        "{}",
        r.describe()
    );
    assert!(r.stdout.contains("Deleted Images"), "{}", r.describe());
    assert_eq!(t.ok(["ps", "-aq"]).stdout.lines().count(), 1);
    assert_eq!(t.ok(["volume", "ls", "-q"]).stdout.trim(), "used");
    assert_eq!(t.ok(["images", "-q"]).stdout.lines().count(), 1);
    t.ok(["rm", "-f", "up"]);
}

#[test]
fn image_tree_and_unshare() {
    let t = TestEnv::new("flags-tree");
    t.ok(["pull", "-q", &img("busybox")]);
    t.ok(["pull", "-q", &img("layers")]);
    let r = t.ok(["image", "tree", &img("layers")]).stdout;
    let lines: Vec<&str> = r.lines().collect();
    assert_eq!(lines[3], "Image Layers", "{r}");
    assert_eq!(lines.len(), 7, "{r}");
    assert!(
        lines[4].starts_with("├── ID: ")
            && lines[4].contains(&format!("Top Layer of: [{}]", img("busybox"))),
        "{r}"
    );
    assert!(
        lines[6].starts_with("└── ID: ") && lines[6].contains(&img("layers")),
        "{r}"
    );
    let r = t
        .ok(["image", "tree", "--whatrequires", &img("busybox")])
        .stdout;
    assert!(r.contains(&img("layers")), "{r}");
    if t.user.is_none() {
        return; // unshare is for unprivileged users
    }
    // unshare: root in a user namespace with the store's mapping; the command's exit code.
    let r = t.ok([
        "unshare",
        "sh",
        "-c",
        "id -u; wc -l < /proc/self/uid_map; echo $CONTAINERS_GRAPHROOT",
    ]);
    assert_eq!(r.stdout, format!("0\n2\n{}\n", t.root.display()));
    assert_eq!(t.run(["unshare", "sh", "-c", "exit 7"]).code, 7);
    // Files of subordinate ids can be changed there (not as yourself).
    t.ok([
        "run",
        "--rm",
        "-v",
        "v:/v",
        &img("busybox"),
        "sh",
        "-c",
        "touch /v/f; chown 1000:1000 /v/f",
    ]);
    let mp = t
        .ok(["volume", "inspect", "--format", "{{.Mountpoint}}", "v"])
        .stdout;
    let r = t.ok([
        "unshare",
        "sh",
        "-c",
        &format!("stat -c %u {}/f; rm {}/f", mp.trim(), mp.trim()),
    ]);
    assert_eq!(r.stdout, "1000\n");
}

#[test]
fn generate_systemd_units_that_work() {
    let t = TestEnv::new("flags-systemd");
    t.ok(["create", "--name", "svc", &img("busybox"), "sleep", "300"]);
    let unit = t
        .ok(["generate", "systemd", "--name", "--restart-sec", "5", "svc"])
        .stdout;
    assert!(
        unit.contains("Restart=on-failure\nRestartSec=5\n"),
        "{unit}"
    );
    assert!(
        unit.contains("\n[Install]\nWantedBy=default.target\n"),
        "{unit}"
    );
    let line = |key: &str| -> String {
        unit.lines()
            .find_map(|l| l.strip_prefix(key))
            .unwrap_or_else(|| panic!("no {key} in {unit}"))
            .to_string()
    };
    // Run ExecStart as systemd would (it stays in the foreground), then ExecStop.
    let start = line("ExecStart=");
    assert!(start.ends_with("start --attach svc"), "{start}");
    let mut c = t.bare_cmd("sh");
    c.arg("-c").arg(&start);
    let mut child = c.spawn().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while t
        .ok(["inspect", "--format", "{{.State.Status}}", "svc"])
        .stdout
        .trim()
        != "running"
    {
        assert!(std::time::Instant::now() < deadline);
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let mut stop = t.bare_cmd("sh");
    stop.arg("-c")
        .arg(line("ExecStop=").replace("-t 10", "-t 0"));
    assert!(stop.status().unwrap().success());
    child.wait().unwrap();
    // --new: the unit creates the container afresh from its create command.
    let unit = t
        .ok(["generate", "systemd", "--new", "--name", "svc"])
        .stdout;
    let start = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .unwrap();
    assert!(
        start.contains(" run --rm --replace ") && start.ends_with("sleep 300"),
        "{start}"
    );
    assert!(unit.contains("ExecStartPre="), "{unit}");
    assert_eq!(
        t.run(["generate", "systemd", "--template", "svc"]).code,
        125
    );
    let dir = t.dir.clone();
    let mut f = t.cmd(["generate", "systemd", "--files", "-n", "svc"]);
    f.current_dir(&dir);
    let r = crate::util::Run::from(f.output().unwrap());
    assert_eq!(
        r.stdout.trim(),
        dir.join("container-svc.service").to_str().unwrap()
    );
    t.ok(["rm", "-f", "svc"]);
}
