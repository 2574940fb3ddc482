//! The reliability campaign's load case: 50 `run --rm` and 20 detached containers with logs and
//! published ports on one store, all at once and then the same work one after the other: zero
//! failures, no lock timeouts, every log complete, nothing left; the wall times compared.

use std::io::{Read, Write};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::util::{free_port, registry, wait_with_timeout, TestEnv};

const LINES: usize = 100;

/// The commands still running, the detached containers (name, port), failures so far.
type Started = (Vec<(String, Child)>, Vec<(String, u16)>, Vec<String>);

/// Start the work: (what, child, expected stdout) for the 50 runs, (name, port) for the 20.
fn start_all(t: &TestEnv, bb: &str, round: &str, serial: bool) -> Started {
    let mut runs = Vec::new();
    let mut detached = Vec::new();
    let mut failures = Vec::new();
    let wait_one = |what: String, c: Child, failures: &mut Vec<String>| {
        let r = wait_with_timeout(c, 300);
        if r.code != 0 {
            failures.push(format!("{what}: {}", r.describe()));
        }
        r
    };
    for i in 0..50 {
        let mut c = t.cmd([
            "run",
            "--rm",
            bb,
            "sh",
            "-c",
            &format!("echo {round}-run-{i}"),
        ]);
        c.stdout(Stdio::piped()).stderr(Stdio::piped());
        let child = c.spawn().unwrap();
        if serial {
            let r = wait_one(format!("run {i}"), child, &mut failures);
            if r.stdout != format!("{round}-run-{i}\n") {
                failures.push(format!("run {i}: output {:?}", r.stdout));
            }
        } else {
            runs.push((format!("{round}-run-{i}"), child));
        }
    }
    for i in 0..20 {
        let port = free_port();
        let name = format!("{round}-d{i}");
        let script = format!(
            "for i in $(seq {LINES}); do echo line$i; done; trap 'exit 0' TERM; \
             nc -ll -p 8080 -e echo {name} & wait"
        );
        let mut c = t.cmd([
            "run",
            "-d",
            "--name",
            &name,
            "-p",
            &format!("{port}:8080"),
            bb,
            "sh",
            "-c",
            &script,
        ]);
        c.stdout(Stdio::piped()).stderr(Stdio::piped());
        let child = c.spawn().unwrap();
        if serial {
            wait_one(name.clone(), child, &mut failures);
        } else {
            runs.push((format!("detached {name}"), child));
        }
        detached.push((name, port));
    }
    (runs, detached, failures)
}

fn answer(port: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            let _ = s.write_all(b"x\n");
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut got = String::new();
            let _ = s.read_to_string(&mut got);
            if !got.is_empty() {
                return got;
            }
        }
        if Instant::now() > deadline {
            return String::new();
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Run the whole load once; returns (wall time until every command has returned, failures).
fn round(t: &TestEnv, bb: &str, name: &str, serial: bool) -> (Duration, Vec<String>) {
    let started = Instant::now();
    let (runs, detached, mut failures) = start_all(t, bb, name, serial);
    for (what, child) in runs {
        let r = wait_with_timeout(child, 300);
        if r.code != 0 {
            failures.push(format!("{what}: {}", r.describe()));
        } else if what.contains("-run-") && r.stdout != format!("{what}\n") {
            failures.push(format!("{what}: output {:?}", r.stdout));
        }
    }
    let wall = started.elapsed();
    for (n, port) in &detached {
        let got = answer(*port);
        if got.trim() != n {
            failures.push(format!("{n}: port {port} answered {got:?}"));
        }
        let logs = t.run(["logs", n]);
        let want: String = (1..=LINES).map(|i| format!("line{i}\n")).collect();
        if logs.stdout != want {
            failures.push(format!(
                "{n}: log incomplete ({} lines)",
                logs.stdout.lines().count()
            ));
        }
    }
    let names: Vec<&str> = detached.iter().map(|(n, _)| n.as_str()).collect();
    let mut rm = vec!["rm", "-f", "-t", "0"];
    rm.extend(names);
    let r = t.run(rm);
    if r.code != 0 {
        failures.push(format!("rm: {}", r.describe()));
    }
    (wall, failures)
}

#[test]
fn load_fifty_runs_and_twenty_detached_on_one_store() {
    let t = TestEnv::new("load");
    let bb = format!("{}/busybox:latest", registry());
    t.ok(["pull", "-q", &bb]);
    let (parallel, mut failures) = round(&t, &bb, "par", false);
    let (serial, f2) = round(&t, &bb, "ser", true);
    failures.extend(f2);
    let left = t.ok(["ps", "-aq"]).stdout;
    if !left.is_empty() {
        failures.push(format!("left behind: {left}"));
    }
    for f in &failures {
        assert!(!f.to_lowercase().contains("lock"), "a lock timeout: {f}");
    }
    println!(
        "load (50 run --rm + 20 detached with logs and ports): tried 140, survived {}, lost {}; \
         all at once {:.1}s, one after another {:.1}s ({:.2}x)",
        140 - failures.len(),
        failures.len(),
        parallel.as_secs_f64(),
        serial.as_secs_f64(),
        serial.as_secs_f64() / parallel.as_secs_f64()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_full_disk_gives_clear_errors_and_keeps_the_store_whole() {
    if !crate::util::is_root() {
        eprintln!("skipped: mounting the small tmpfs needs root");
        return;
    }
    let t = TestEnv::new("diskfull");
    let small = t.dir.join("small");
    std::fs::create_dir_all(&small).unwrap();
    let st = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=24m,mode=0755", "tmpfs"])
        .arg(&small)
        .status()
        .unwrap();
    assert!(st.success());
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount")
                .arg("-l")
                .arg(&self.0)
                .status();
        }
    }
    let _um = Unmount(small.clone());
    if let Some(u) = &t.user {
        crate::util::chown_r(&small, u.uid, u.gid);
    }
    let root = small.join("root");
    let sk = |args: &[&str]| -> crate::util::Run {
        let mut c = t.bare_cmd(crate::util::skiff_bin());
        c.arg("--root")
            .arg(&root)
            .arg("--runroot")
            .arg(&t.runroot)
            .args(args);
        crate::util::Run::from(c.output().unwrap())
    };
    let bb = format!("{}/busybox:latest", registry());
    let big = format!("{}/big:latest", registry());
    let (mut tried, mut lost) = (0, Vec::<String>::new());
    let r = sk(&["pull", "-q", &bb]);
    assert_eq!(r.code, 0, "{}", r.describe());
    // A pull that does not fit (32 MiB of random data).
    tried += 1;
    let r = sk(&["pull", "-q", &big]);
    if r.code == 0 || !r.stderr.contains("No space left on device") {
        lost.push(format!("pull on a full disk:\n{}", r.describe()));
    }
    // A commit that does not fit.
    tried += 1;
    let r = sk(&[
        "run",
        "--name",
        "filler",
        &bb,
        "sh",
        "-c",
        "head -c 20000000 /dev/urandom > /blob; echo ok",
    ]);
    let c = sk(&["commit", "filler", "full-commit:1"]);
    if c.code == 0 || !c.stderr.to_lowercase().contains("space") {
        lost.push(format!(
            "commit on a full disk:\n{}\n{}",
            r.describe(),
            c.describe()
        ));
    }
    sk(&["rm", "-f", "filler"]);
    // Log writing: a container that prints more than fits ends, and says so.
    tried += 1;
    let r = sk(&[
        "run",
        "--rm",
        &bb,
        "sh",
        "-c",
        "yes 0123456789abcdefghijklmnopqrstuvwxyz | head -c 40000000; echo done >&2",
    ]);
    if !r.stderr.contains("done") {
        lost.push(format!("log writing on a full disk:\n{}", r.describe()));
    }
    // Earlier images intact, nothing partial published, and the store usable.
    tried += 1;
    let images = sk(&["images", "--format", "{{.Repository}}"]).stdout;
    let check = sk(&["system", "check"]);
    let run = sk(&["run", "--rm", &bb, "echo", "still-works"]);
    if images.trim() != format!("{}/busybox", registry())
        || check.code != 0
        || run.stdout.trim() != "still-works"
    {
        lost.push(format!(
            "after: images {images:?}\n{}\n{}",
            check.describe(),
            run.describe()
        ));
    }
    println!(
        "disk full: tried {tried}, survived {}, lost {}",
        tried - lost.len(),
        lost.len()
    );
    assert!(lost.is_empty(), "{}", lost.join("\n---\n"));
}
