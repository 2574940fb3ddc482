//! The Docker Engine API socket (`skiff system service`) driven by real clients: Debian's docker
//! CLI (20.10), docker-compose (1.29), PyPI testcontainers with its reaper; and by raw requests
//! for the bad-input and security cases.

use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{free_port, registry, wait_with_timeout, Run, TestEnv};

pub const DOCKER: &str = "/opt/skiff-docker/usr/bin/docker";
const COMPOSE: &str = "/usr/bin/docker-compose";
const PYTHON: &str = "/opt/skiff-pytools/bin/python";

/// A running `skiff system service` on a socket in the test's dir.
pub struct Service {
    pub sock: PathBuf,
    child: Option<Child>,
}

impl Service {
    pub fn start(t: &TestEnv, idle: u64) -> Service {
        assert!(
            Path::new(DOCKER).exists(),
            "{DOCKER} is missing: tests/setup-host.sh unpacks Debian's docker.io there"
        );
        let sock = t.dir.join("api").join("skiff.sock");
        let child = t
            .cmd([
                "system",
                "service",
                "-t",
                &idle.to_string(),
                &format!("unix://{}", sock.display()),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while !sock.exists() {
            assert!(
                Instant::now() < deadline,
                "the service did not create {}",
                sock.display()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Service {
            sock,
            child: Some(child),
        }
    }

    /// The service's process, for tests that watch it exit.
    pub fn take(&mut self) -> Child {
        self.child.take().unwrap()
    }

    pub fn host(&self) -> String {
        format!("unix://{}", self.sock.display())
    }

    /// The docker CLI, as the test user, against this socket.
    pub fn docker(&self, t: &TestEnv) -> Command {
        let mut c = t.bare_cmd(DOCKER);
        c.env("DOCKER_HOST", self.host())
            .env("DOCKER_BUILDKIT", "0");
        c
    }

    pub fn run(&self, t: &TestEnv, args: &[&str]) -> Run {
        Run::from(self.docker(t).args(args).output().unwrap())
    }

    pub fn ok(&self, t: &TestEnv, args: &[&str]) -> Run {
        let r = self.run(t, args);
        assert_eq!(
            r.code,
            0,
            "docker {} failed:\n{}",
            args.join(" "),
            r.describe()
        );
        r
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// One HTTP/1.0 request on the socket (as root: the socket's owner or root may connect).
pub fn http(sock: &Path, method: &str, path: &str, body: Option<&[u8]>) -> (u16, String) {
    let mut s = std::os::unix::net::UnixStream::connect(sock).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.0\r\nHost: d\r\n");
    if let Some(b) = body {
        req.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            b.len()
        ));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    if let Some(b) = body {
        let _ = s.write_all(b);
    }
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|x| x.1)
        .unwrap_or("")
        .to_string();
    (status, body)
}

fn wait_port(port: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            let _ = s.write_all(b"x\n");
            s.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
            let mut got = String::new();
            let _ = s.read_to_string(&mut got);
            if !got.is_empty() {
                return got;
            }
        }
        assert!(Instant::now() < deadline, "nothing answers on port {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn registry_tags(repo: &str) -> String {
    let mut s = std::net::TcpStream::connect(registry()).unwrap();
    write!(s, "GET /v2/{repo}/tags/list HTTP/1.0\r\nHost: r\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn docker_cli_drives_skiff_through_the_socket() {
    let t = TestEnv::new("api-cli");
    let svc = Service::start(&t, 0);
    // The socket is the user's alone, in a directory only the user can enter.
    let mode = std::fs::metadata(&svc.sock).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "socket mode {mode:o}");
    let v = svc.ok(&t, &["version", "--format", "{{.Server.APIVersion}}"]);
    assert!(v.stdout.trim() >= "1.44", "{}", v.stdout);
    let bb = format!("{}/busybox:latest", registry());
    svc.ok(&t, &["pull", &bb]);
    let imgs = svc.ok(&t, &["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert!(imgs.stdout.contains(&bb), "{}", imgs.stdout);

    // Foreground run: both streams and the exit code come back.
    let r = svc.run(
        &t,
        &[
            "run",
            "--rm",
            &bb,
            "sh",
            "-c",
            "echo out; echo err >&2; exit 3",
        ],
    );
    assert_eq!(r.code, 3, "{}", r.describe());
    assert_eq!(r.stdout.trim(), "out", "{}", r.describe());
    assert_eq!(r.stderr.trim(), "err", "{}", r.describe());

    // A container skiff initialized (`skiff init`) is started through the socket in its held
    // process, not by a second supervisor.
    t.ok(["create", "--name", "held", &bb, "sleep", "60"]);
    t.ok(["init", "held"]);
    let pid = t
        .ok(["inspect", "--format", "{{.State.Pid}}", "held"])
        .stdout;
    // docker has no "initialized": it sees a created container.
    let st = svc.ok(&t, &["inspect", "--format", "{{.State.Status}}", "held"]);
    assert_eq!(st.stdout.trim(), "created");
    svc.ok(&t, &["start", "held"]);
    let st = svc.ok(
        &t,
        &[
            "inspect",
            "--format",
            "{{.State.Status}} {{.State.Pid}}",
            "held",
        ],
    );
    assert_eq!(st.stdout.trim(), format!("running {}", pid.trim()));
    svc.ok(&t, &["rm", "-f", "held"]);

    // With stdin attached: what the container prints before it reads is not lost.
    let mut c = svc.docker(&t);
    c.args(["run", "-i", "--rm", &bb, "sh", "-c", "echo first; cat"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"then stdin\n")
        .unwrap();
    let r = wait_with_timeout(child, 60);
    assert_eq!(r.stdout, "first\nthen stdin\n", "{}", r.describe());

    // Detached with a published port.
    let port = free_port();
    svc.ok(
        &t,
        &[
            "run",
            "-d",
            "--name",
            "web",
            "-p",
            &format!("{port}:8080"),
            &bb,
            "sh",
            "-c",
            "echo started; trap 'exit 0' TERM; nc -ll -p 8080 -e echo hello-web & wait",
        ],
    );
    assert!(wait_port(port).contains("hello-web"));
    let ps = svc.ok(&t, &["ps", "--format", "{{.Names}} {{.Ports}}"]);
    assert!(
        ps.stdout.contains("web") && ps.stdout.contains(&format!("{port}->8080/tcp")),
        "{}",
        ps.stdout
    );
    let fmt =
        "{{.State.Running}} {{(index (index .NetworkSettings.Ports \"8080/tcp\") 0).HostPort}}";
    let i = svc.ok(&t, &["inspect", "--format", fmt, "web"]);
    assert_eq!(i.stdout.trim(), format!("true {port}"));
    assert!(svc.ok(&t, &["logs", "web"]).stdout.contains("started"));

    // exec: exit codes, stdin, and a terminal.
    assert_eq!(svc.run(&t, &["exec", "web", "sh", "-c", "exit 4"]).code, 4);
    let mut c = svc.docker(&t);
    c.args(["exec", "-i", "web", "cat"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    let mut child = c.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"through stdin\n")
        .unwrap();
    let r = wait_with_timeout(child, 30);
    assert_eq!(r.stdout, "through stdin\n", "{}", r.describe());
    let mut c = t.bare_cmd("script");
    c.env("DOCKER_HOST", svc.host()).args([
        "-qec",
        &format!("{DOCKER} exec -it web sh -c 'tty; echo tty-ok'"),
        "/dev/null",
    ]);
    let r = Run::from(c.output().unwrap());
    assert!(
        r.stdout.contains("/dev/pts/") && r.stdout.contains("tty-ok"),
        "{}",
        r.describe()
    );

    // cp both ways.
    let f = t.home.join("tmp/in.txt");
    std::fs::write(&f, "copied in\n").unwrap();
    crate::util::chown_r(
        &f,
        t.user.as_ref().map_or(0, |u| u.uid),
        t.user.as_ref().map_or(0, |u| u.gid),
    );
    svc.ok(&t, &["cp", f.to_str().unwrap(), "web:/tmp/"]);
    assert_eq!(
        svc.ok(&t, &["exec", "web", "cat", "/tmp/in.txt"]).stdout,
        "copied in\n"
    );
    let out = t.home.join("tmp/out");
    svc.ok(&t, &["cp", "web:/etc/hostname", out.to_str().unwrap()]);
    assert!(!std::fs::read_to_string(&out).unwrap().trim().is_empty());

    let s = svc.ok(
        &t,
        &[
            "stats",
            "--no-stream",
            "--format",
            "{{.Name}} {{.PIDs}}",
            "web",
        ],
    );
    assert!(s.stdout.starts_with("web "), "{}", s.stdout);

    // logs -f ends with the container.
    svc.ok(
        &t,
        &[
            "run",
            "-d",
            "--name",
            "lines",
            &bb,
            "sh",
            "-c",
            "for i in 1 2 3; do echo line$i; sleep 0.2; done",
        ],
    );
    let mut c = svc.docker(&t);
    c.args(["logs", "-f", "lines"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let r = wait_with_timeout(c.spawn().unwrap(), 30);
    assert_eq!(r.stdout, "line1\nline2\nline3\n", "{}", r.describe());

    // Networks with DNS aliases, connected while running; a named volume.
    svc.ok(&t, &["network", "create", "tnet"]);
    svc.ok(&t, &["network", "create", "tnet2"]);
    svc.ok(
        &t,
        &[
            "run",
            "-d",
            "--name",
            "n1",
            "--network",
            "tnet",
            &bb,
            "sleep",
            "120",
        ],
    );
    svc.ok(&t, &["network", "connect", "--alias", "n1a", "tnet2", "n1"]);
    svc.ok(
        &t,
        &[
            "run",
            "--rm",
            "--network",
            "tnet2",
            &bb,
            "ping",
            "-c1",
            "-W3",
            "n1a",
        ],
    );
    svc.ok(&t, &["volume", "create", "tvol"]);
    svc.ok(
        &t,
        &[
            "run",
            "--rm",
            "-v",
            "tvol:/d",
            &bb,
            "sh",
            "-c",
            "echo kept > /d/f",
        ],
    );
    assert_eq!(
        svc.ok(&t, &["run", "--rm", "-v", "tvol:/d", &bb, "cat", "/d/f"])
            .stdout,
        "kept\n"
    );

    // The classic builder, then the built image runs.
    let ctx = t.home.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Dockerfile"),
        format!("FROM {bb}\nRUN echo built > /b.txt\nCMD [\"cat\", \"/b.txt\"]\n"),
    )
    .unwrap();
    crate::util::chown_r(
        &ctx,
        t.user.as_ref().map_or(0, |u| u.uid),
        t.user.as_ref().map_or(0, |u| u.gid),
    );
    svc.ok(&t, &["build", "-t", "apibuilt:1", ctx.to_str().unwrap()]);
    assert_eq!(svc.ok(&t, &["run", "--rm", "apibuilt:1"]).stdout, "built\n");

    // tag and push, checked on the registry itself.
    let repo = format!("skiff-api/bb-{}", std::process::id());
    let target = format!("{}/{repo}:v1", registry());
    svc.ok(&t, &["tag", &bb, &target]);
    svc.ok(&t, &["push", &target]);
    assert!(registry_tags(&repo).contains("\"v1\""));

    // events of what happened to web.
    svc.ok(&t, &["stop", "web"]);
    let until = format!(
        "{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 1
    );
    std::thread::sleep(Duration::from_millis(1100));
    let ev = svc.ok(
        &t,
        &[
            "events",
            "--since",
            "0",
            "--until",
            &until,
            "--filter",
            "container=web",
            "--format",
            "{{.Status}}",
        ],
    );
    for s in ["create", "start", "stop"] {
        assert!(
            ev.stdout.lines().any(|l| l == s),
            "no {s} event:\n{}",
            ev.stdout
        );
    }

    svc.ok(&t, &["rm", "-f", "web", "n1", "lines"]);
    svc.ok(&t, &["network", "rm", "tnet", "tnet2"]);
    svc.ok(&t, &["volume", "rm", "tvol"]);
    assert_eq!(svc.ok(&t, &["ps", "-aq"]).stdout, "");
    // The CLI sees the same store.
    assert_eq!(t.ok(["ps", "-aq"]).stdout, "");
}

#[test]
fn docker_compose_runs_a_three_service_project() {
    assert!(
        Path::new(COMPOSE).exists(),
        "docker-compose is missing: tests/setup-host.sh installs it"
    );
    let t = TestEnv::new("api-compose");
    let svc = Service::start(&t, 0);
    let bb = format!("{}/busybox:latest", registry());
    let dir = t.home.join("proj");
    std::fs::create_dir_all(dir.join("app")).unwrap();
    let port = free_port();
    std::fs::write(
        dir.join("docker-compose.yml"),
        format!(
            r#"services:
  db:
    image: {bb}
    command: sh -c 'echo db-ready > /data/state; trap "exit 0" TERM; sleep 300 & wait'
    volumes: [dbdata:/data]
    networks: [backend]
    healthcheck:
      test: ["CMD", "test", "-f", "/data/state"]
      interval: 1s
      timeout: 2s
      retries: 10
  app:
    build: ./app
    depends_on:
      db:
        condition: service_healthy
    networks: [backend]
  web:
    image: {bb}
    command: sh -c 'trap "exit 0" TERM; while true; do echo "web sees $$(ping -c1 -W1 app >/dev/null && echo app)" | nc -l -p 8080; done & wait'
    ports: ["{port}:8080"]
    depends_on: [app]
    networks: [backend]
volumes:
  dbdata:
networks:
  backend:
"#
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("app/Dockerfile"),
        format!("FROM {bb}\nCMD [\"sh\", \"-c\", \"trap 'exit 0' TERM; while true; do ping -c1 -W1 db >/dev/null && echo app-sees-db; sleep 1; done & wait\"]\n"),
    )
    .unwrap();
    crate::util::chown_r(
        &dir,
        t.user.as_ref().map_or(0, |u| u.uid),
        t.user.as_ref().map_or(0, |u| u.gid),
    );
    let compose = |args: &[&str]| -> Run {
        let mut c = t.bare_cmd(COMPOSE);
        c.env("DOCKER_HOST", svc.host())
            .env("PATH", "/opt/skiff-docker/usr/bin:/usr/bin:/bin")
            .args(["-p", "proj"])
            .args(args)
            .current_dir(&dir);
        let r = wait_with_timeout(
            c.stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
            180,
        );
        assert_eq!(
            r.code,
            0,
            "docker-compose {} failed:\n{}",
            args.join(" "),
            r.describe()
        );
        r
    };
    compose(&["up", "-d"]);
    let ps = compose(&["ps"]);
    assert!(ps.stdout.contains("(healthy)"), "{}", ps.stdout);
    assert_eq!(ps.stdout.matches(" Up ").count(), 3, "{}", ps.stdout);
    assert!(wait_port(port).contains("web sees app"));
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let logs = compose(&["logs", "--no-color", "app"]);
        if logs.stdout.contains("app-sees-db") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "app never reached db by name:\n{}",
            logs.describe()
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    assert_eq!(
        compose(&["exec", "-T", "db", "cat", "/data/state"]).stdout,
        "db-ready\n"
    );
    compose(&["down", "-v"]);
    assert_eq!(svc.ok(&t, &["ps", "-aq"]).stdout, "");
    assert!(!svc
        .ok(&t, &["volume", "ls", "-q"])
        .stdout
        .contains("proj_dbdata"));
    assert!(!svc
        .ok(&t, &["network", "ls"])
        .stdout
        .contains("proj_backend"));
}

/// The reaper stand-in (tests/fixtures/ryuk.rs) as an image in the test's store.
fn ryuk_image(t: &TestEnv) -> String {
    let ctx = t.home.join("ryuk");
    std::fs::create_dir_all(&ctx).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ryuk.rs");
    let st = Command::new("rustc")
        .args(["-O", "-C", "target-feature=+crt-static", "-o"])
        .arg(ctx.join("ryuk"))
        .arg(&src)
        .status()
        .unwrap();
    assert!(st.success(), "building the reaper stand-in");
    std::fs::write(
        ctx.join("Containerfile"),
        "FROM scratch\nCOPY ryuk /ryuk\nENTRYPOINT [\"/ryuk\"]\n",
    )
    .unwrap();
    crate::util::chown_r(
        &ctx,
        t.user.as_ref().map_or(0, |u| u.uid),
        t.user.as_ref().map_or(0, |u| u.gid),
    );
    t.ok([
        "build",
        "-q",
        "-t",
        "skiff-test/ryuk:1",
        ctx.to_str().unwrap(),
    ]);
    "localhost/skiff-test/ryuk:1".into()
}

#[test]
fn testcontainers_python_with_and_without_its_reaper() {
    assert!(
        Path::new(PYTHON).exists(),
        "{PYTHON} is missing: tests/setup-host.sh installs testcontainers"
    );
    let t = TestEnv::new("api-tc");
    let svc = Service::start(&t, 0);
    let bb = format!("{}/busybox:latest", registry());
    let script = t.home.join("tc.py");
    std::fs::write(
        &script,
        format!(
            r#"import os, socket, sys
from testcontainers.core.container import DockerContainer
from testcontainers.core.waiting_utils import wait_for_logs
c = DockerContainer("{bb}").with_command(["sh", "-c", "echo ready; nc -ll -p 8080 -e echo tc-hello"]).with_exposed_ports(8080).with_kwargs(labels={{"skiff.test": "tc"}})
c.start()
wait_for_logs(c, "ready", timeout=30)
s = socket.create_connection((c.get_container_host_ip(), int(c.get_exposed_port(8080))), timeout=10)
s.sendall(b"x\n")
print(s.recv(100).decode().strip())
if sys.argv[1] == "crash":
    sys.stdout.flush()
    os._exit(9)   # no cleanup: the reaper must remove the container
c.stop()
"#
        ),
    )
    .unwrap();
    crate::util::chown_r(
        &script,
        t.user.as_ref().map_or(0, |u| u.uid),
        t.user.as_ref().map_or(0, |u| u.gid),
    );
    let py = |mode: &str, extra: &[(&str, &str)]| -> Run {
        let mut c = t.bare_cmd(PYTHON);
        c.env("DOCKER_HOST", svc.host())
            .env("TESTCONTAINERS_CONNECTION_MODE", "docker_host")
            .envs(extra.iter().copied())
            .arg(&script)
            .arg(mode)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        wait_with_timeout(c.spawn().unwrap(), 180)
    };
    // Without the reaper: the test cleans up after itself.
    let r = py("clean", &[("TESTCONTAINERS_RYUK_DISABLED", "true")]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(r.stdout.trim(), "tc-hello");
    assert_eq!(svc.ok(&t, &["ps", "-aq"]).stdout, "");

    // With the reaper (its socket bind-mounted): a test that dies leaves its container to it.
    let image = ryuk_image(&t);
    let r = py(
        "crash",
        &[
            ("RYUK_CONTAINER_IMAGE", image.as_str()),
            ("RYUK_RECONNECTION_TIMEOUT", "1s"),
        ],
    );
    assert_eq!(r.code, 9, "{}", r.describe());
    assert_eq!(r.stdout.trim(), "tc-hello");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let left = svc
            .ok(&t, &["ps", "-aq", "--filter", "label=skiff.test=tc"])
            .stdout;
        if left.is_empty() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the reaper did not remove {left}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // The reaper itself goes too (auto-remove once it is done).
    let deadline = Instant::now() + Duration::from_secs(20);
    while !svc.ok(&t, &["ps", "-aq"]).stdout.is_empty() {
        assert!(Instant::now() < deadline, "the reaper container stayed");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn bad_requests_are_refused_and_streams_end_with_their_clients() {
    let t = TestEnv::new("api-bad");
    let mut svc = Service::start(&t, 2);
    let bb = format!("{}/busybox:latest", registry());
    t.ok(["pull", "-q", &bb]);
    let s = svc.sock.clone();
    let create = |body: &str| {
        http(
            &s,
            "POST",
            "/v1.41/containers/create",
            Some(body.as_bytes()),
        )
    };
    let cases: Vec<(&str, String, u16, &str)> = vec![
        (
            "malformed JSON",
            "{\"Image\": ".into(),
            400,
            "malformed JSON",
        ),
        (
            "unknown field",
            format!("{{\"Image\":\"{bb}\",\"Imagee\":\"x\"}}"),
            400,
            "Imagee",
        ),
        (
            "wrong type",
            format!("{{\"Image\":\"{bb}\",\"Tty\":\"yes\"}}"),
            400,
            "Tty",
        ),
        (
            "unreadable bind",
            format!("{{\"Image\":\"{bb}\",\"HostConfig\":{{\"Binds\":[\"/root:/r\"]}}}}"),
            400,
            "not readable",
        ),
        (
            "bind of /",
            format!("{{\"Image\":\"{bb}\",\"HostConfig\":{{\"Binds\":[\"/:/host\"]}}}}"),
            400,
            "root directory",
        ),
        ("no image", "{}".into(), 400, "Image is required"),
        (
            "unknown image",
            "{\"Image\":\"nosuch/image:1\"}".into(),
            404,
            "No such image",
        ),
    ];
    let mut tried = 0;
    for (what, body, want, says) in &cases {
        let (code, text) = create(body);
        tried += 1;
        assert_eq!(code, *want, "{what}: {text}");
        let v: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("{what}: not JSON: {text}"));
        assert!(
            v["message"].as_str().unwrap_or("").contains(says),
            "{what}: {text}"
        );
    }
    let big = format!(
        "{{\"Image\":\"{bb}\",\"Labels\":{{\"x\":\"{}\"}}}}",
        "a".repeat(2 << 20)
    );
    assert_eq!(create(&big).0, 413, "an oversized body");
    assert_eq!(http(&s, "GET", "/containers/../images/json", None).0, 400);
    assert_eq!(http(&s, "GET", "/containers/%2e%2e/json", None).0, 400);
    let (code, text) = http(&s, "GET", "/v1.41/no/such/endpoint", None);
    assert_eq!(code, 404);
    assert!(text.contains("no/such/endpoint"), "{text}");
    assert_eq!(http(&s, "GET", "/v1.41/swarm", None).0, 503);
    assert_eq!(http(&s, "GET", "/v1.12/info", None).0, 400);
    let (code, _) = http(&s, "HEAD", "/_ping", None);
    assert_eq!(code, 200);
    println!("bad requests: tried {}, refused {}", tried + 6, tried + 6);
    // Nothing was created by any of them.
    assert_eq!(t.ok(["ps", "-aq"]).stdout, "");

    // Another local user cannot connect (0600 socket in a 0700 dir).
    let other = Command::new("setpriv")
        .args([
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            PYTHON,
            "-c",
        ])
        .arg(format!(
            "import socket; socket.socket(socket.AF_UNIX).connect({:?})",
            s.to_str().unwrap()
        ))
        .output()
        .unwrap();
    assert!(!other.status.success());
    assert!(String::from_utf8_lossy(&other.stderr).contains("Permission denied"));

    // A client that leaves `logs -f` mid-stream: the stream ends with it, and the service (2 s
    // idle limit) exits once nothing is open, which it could not with a stuck stream.
    t.ok([
        "run",
        "-d",
        "--name",
        "chatty",
        &bb,
        "sh",
        "-c",
        "while true; do echo tick; sleep 0.05; done",
    ]);
    {
        let mut st = std::os::unix::net::UnixStream::connect(&s).unwrap();
        st.write_all(b"GET /containers/chatty/logs?follow=1&stdout=1 HTTP/1.1\r\nHost: d\r\n\r\n")
            .unwrap();
        let mut buf = [0u8; 256];
        assert!(st.read(&mut buf).unwrap() > 0);
    }
    let mut child = svc.take();
    t.ok(["rm", "-f", "chatty"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            assert!(st.success(), "service exit {st}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the service did not go idle: a stream is stuck"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(!s.exists(), "the socket was left behind");
}

#[test]
fn fifty_concurrent_docker_runs() {
    let t = TestEnv::new("api-load");
    let svc = Service::start(&t, 0);
    let bb = format!("{}/busybox:latest", registry());
    svc.ok(&t, &["pull", &bb]);
    let started = Instant::now();
    let children: Vec<Child> = (0..50)
        .map(|i| {
            let mut c = svc.docker(&t);
            c.args(["run", "--rm", &bb, "sh", "-c", &format!("echo run-{i}")])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    let mut ok = 0;
    for (i, c) in children.into_iter().enumerate() {
        let r = wait_with_timeout(c, 300);
        assert_eq!(r.code, 0, "run {i}: {}", r.describe());
        assert_eq!(r.stdout, format!("run-{i}\n"), "run {i}: {}", r.describe());
        ok += 1;
    }
    println!(
        "50 concurrent docker run --rm: {ok} succeeded in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(svc.ok(&t, &["ps", "-aq"]).stdout, "");
}

#[test]
fn docker_login_then_pull_and_push_with_credentials() {
    let t = TestEnv::new("api-auth");
    let svc = Service::start(&t, 0);
    let areg = std::env::var("SKIFF_TEST_AUTH_REGISTRY").expect("run through tests/run.sh");
    let user = std::env::var("SKIFF_TEST_AUTH_USER").unwrap();
    let pass = std::env::var("SKIFF_TEST_AUTH_PASSWORD").unwrap();
    let image = format!("{areg}/busybox:latest");
    // Without credentials the registry refuses, and the error reaches the client.
    let r = svc.run(&t, &["pull", &image]);
    assert_ne!(r.code, 0, "{}", r.describe());
    // A wrong password is refused by /auth (docker login checks through the service).
    let r = svc.run(&t, &["login", "-u", &user, "-p", "wrong", &areg]);
    assert_ne!(r.code, 0, "{}", r.describe());
    svc.ok(&t, &["login", "-u", &user, "-p", &pass, &areg]);
    // The CLI now sends X-Registry-Auth with pull and push.
    svc.ok(&t, &["pull", &image]);
    let target = format!("{areg}/skiff-api/pushed-{}:1", std::process::id());
    svc.ok(&t, &["tag", &image, &target]);
    svc.ok(&t, &["push", &target]);
    svc.ok(&t, &["rmi", &target]);
    svc.ok(&t, &["pull", &target]);
}
