//! podman-compose (PyPI, a real client that drives the podman CLI) runs a three-service compose
//! file on skiff: services reach each other by service name, depends_on orders them, a named
//! volume, a published port and an env file work; ps, logs and down too.

use std::io::Read;
use std::time::{Duration, Instant};

use crate::util::{free_port, registry, skiff_bin, Run, TestEnv};

const PODMAN_COMPOSE: &str = "/opt/skiff-pytools/bin/podman-compose";

fn compose(t: &TestEnv, dir: &std::path::Path, args: &[&str]) -> Run {
    let mut c = t.bare_cmd(PODMAN_COMPOSE);
    c.env("SKIFF_ROOT", &t.root)
        .env("SKIFF_RUNROOT", &t.runroot)
        .arg("--podman-path")
        .arg(skiff_bin())
        .args(args)
        .current_dir(dir);
    Run::from(c.output().unwrap())
}

#[test]
fn podman_compose_runs_three_services_on_skiff() {
    assert!(
        std::path::Path::new(PODMAN_COMPOSE).exists(),
        "podman-compose is missing: tests/setup-host.sh installs it in /opt/skiff-pytools"
    );
    let t = TestEnv::new("compose");
    let dir = t.home.join("proj");
    std::fs::create_dir_all(&dir).unwrap();
    let port = free_port();
    let bb = format!("{}/busybox:latest", registry());
    std::fs::write(
        dir.join("compose.yaml"),
        format!(
            r#"services:
  db:
    image: {bb}
    command: ["sh", "-c", "echo db ready; echo stored > /data/value; while true; do cat /data/value | nc -l -p 5432; done"]
    volumes:
      - dbdata:/data
  app:
    image: {bb}
    depends_on: [db]
    env_file: [app.env]
    command: ["sh", "-c", "while true; do (echo \"$$GREETING from app, db says $$(nc db 5432 </dev/null)\") | nc -l -p 8000; done"]
  web:
    image: {bb}
    depends_on: [app]
    ports: ["{port}:8080"]
    command: ["sh", "-c", "while true; do nc app 8000 </dev/null | nc -l -p 8080; done"]
volumes:
  dbdata: {{}}
"#
        ),
    )
    .unwrap();
    std::fs::write(dir.join("app.env"), "GREETING=hi\n").unwrap();
    crate::util::chown_r(
        &dir,
        t.user.as_ref().map_or(0, |u| u.uid),
        t.user.as_ref().map_or(0, |u| u.gid),
    );
    let up = compose(&t, &dir, &["up", "-d"]);
    assert_eq!(up.code, 0, "{}", up.describe());
    // web -> app -> db, each by service name. (A busy CI machine once took more than 20 s:
    // busybox's resolver waits 5 s per unanswered try while the names are being registered.)
    let deadline = Instant::now() + Duration::from_secs(60);
    let got = loop {
        let mut out = String::new();
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
            let _ = s.read_to_string(&mut out);
        }
        if out.contains("db says stored") || Instant::now() > deadline {
            break out;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(got.trim(), "hi from app, db says stored");
    let ps = compose(&t, &dir, &["ps"]);
    assert_eq!(ps.code, 0, "{}", ps.describe());
    for s in ["proj_db_1", "proj_app_1", "proj_web_1"] {
        assert!(ps.stdout.contains(s), "{}", ps.describe());
    }
    let logs = compose(&t, &dir, &["logs", "db"]);
    assert!(logs.stdout.contains("db ready"), "{}", logs.describe());
    let down = compose(&t, &dir, &["down"]);
    assert_eq!(down.code, 0, "{}", down.describe());
    assert!(t.ok(["ps", "-aq"]).stdout.trim().is_empty());
    assert!(t.ok(["pod", "ps", "-q"]).stdout.trim().is_empty());
    let nets = t.ok(["network", "ls", "--format", "{{.Name}}"]);
    assert!(!nets.stdout.contains("proj_default"), "{}", nets.describe());
    // The named volume outlives `down`, as with podman.
    let vols = t.ok(["volume", "ls", "-q"]);
    assert_eq!(vols.stdout.trim(), "proj_dbdata", "{}", vols.describe());
    t.ok(["volume", "rm", "proj_dbdata"]);
}
