//! `skiff container checkpoint|restore` with CRIU, as root (CRIU needs it; podman refuses rootless
//! checkpoints too). CRIU comes from /opt/skiff-criu/bin (tests/setup-host.sh puts a CRIU there
//! that works on this kernel).

use std::time::{Duration, Instant};

use crate::network::http_get;
use crate::util::{free_port, registry, Run, TestEnv};

const CRIU_DIR: &str = "/opt/skiff-criu/bin";

/// skiff with CRIU's dir first in PATH.
fn ck(t: &TestEnv, args: &[&str]) -> Run {
    let mut c = t.cmd(args);
    c.env(
        "PATH",
        format!("{CRIU_DIR}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"),
    );
    Run::from(c.output().unwrap())
}

fn ck_ok(t: &TestEnv, args: &[&str]) -> Run {
    let r = ck(t, args);
    assert_eq!(r.code, 0, "skiff {}:\n{}", args.join(" "), r.describe());
    r
}

/// The numbers the container's counter printed so far.
fn counted(t: &TestEnv, name: &str) -> Vec<u64> {
    t.ok(["logs", name])
        .stdout
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect()
}

/// Wait until the counter has printed more than `n` numbers; all of them.
fn count_past(t: &TestEnv, name: &str, n: usize) -> Vec<u64> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let c = counted(t, name);
        if c.len() > n {
            return c;
        }
        assert!(
            Instant::now() < deadline,
            "{name} stopped counting at {c:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The counter lives in the shell's memory only: after a restore it goes on from where it was,
/// where a fresh start would begin at 1 again.
const COUNTER: &str = "echo data > /vol/f; echo changed > /up; mkdir -p /www; \
    echo hello > /www/index.html; httpd -p 80 -h /www; \
    i=0; while true; do i=$((i+1)); echo $i; sleep 0.1; done";

fn assert_continues(before: &[u64], after: &[u64], what: &str) {
    assert_eq!(
        &after[..before.len()],
        before,
        "{what}: the log before it changed"
    );
    let next = after[before.len()..].to_vec();
    let expected: Vec<u64> = (1..=next.len() as u64)
        .map(|k| before.last().unwrap() + k)
        .collect();
    assert_eq!(
        next, expected,
        "{what}: the counter did not go on from its memory"
    );
}

#[test]
fn checkpoint_and_restore_keep_the_processes_memory() {
    if !crate::util::is_root() {
        return;
    }
    let t = TestEnv::as_self("checkpoint");
    let image = format!("{}/busybox:latest", registry());
    t.ok(["pull", "--tls-verify=false", "-q", &image]);
    let port = free_port();
    let publish = format!("{port}:80");
    let addr = format!("127.0.0.1:{port}");
    t.ok([
        "run",
        "-d",
        "--name",
        "ck",
        "-p",
        &publish,
        "-v",
        "ckvol:/vol",
        &image,
        "sh",
        "-c",
        COUNTER,
    ]);
    http_get(&addr);
    let before = count_past(&t, "ck", 3);

    // Checkpoint: the container stops, recorded as checkpointed.
    let r = ck_ok(&t, &["container", "checkpoint", "ck"]);
    assert_eq!(r.stdout.trim(), "ck");
    let st = t.ok([
        "inspect",
        "--format",
        "{{.State.Status}} {{.State.Checkpointed}} {{.State.ExitCode}}",
        "ck",
    ]);
    assert_eq!(st.stdout.trim(), "exited true 0");
    let before = {
        let now = counted(&t, "ck");
        assert!(now.len() >= before.len());
        now
    };
    // A second checkpoint, or a restore of what is not checkpointed, is refused as podman does.
    let r = ck(&t, &["container", "checkpoint", "ck"]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("is not running, cannot checkpoint"),
        "{}",
        r.stderr
    );

    // Restore: the same processes, their memory, the published port, exec.
    let r = ck_ok(&t, &["container", "restore", "ck"]);
    assert_eq!(r.stdout.trim(), "ck");
    let after = count_past(&t, "ck", before.len() + 3);
    assert_continues(&before, &after, "restore");
    assert!(http_get(&addr).contains("hello"));
    let r = t.ok(["exec", "ck", "cat", "/vol/f", "/up"]);
    assert_eq!(r.stdout, "data\nchanged\n");
    let st = t.ok([
        "inspect",
        "--format",
        "{{.State.Status}} {{.State.Checkpointed}} {{.State.Restored}}",
        "ck",
    ]);
    assert_eq!(st.stdout.trim(), "running false true");
    let r = ck(&t, &["container", "restore", "ck"]);
    assert_eq!(r.code, 125);
    assert!(
        r.stderr.contains("is running, cannot restore"),
        "{}",
        r.stderr
    );

    // --leave-running: it goes on, network included; --print-stats: CRIU's figures.
    let r = ck_ok(
        &t,
        &["container", "checkpoint", "-R", "--print-stats", "ck"],
    );
    let v = r.json();
    assert!(
        v["container_statistics"][0]["criu_statistics"]["pages_written"].as_u64() > Some(0),
        "{}",
        r.stdout
    );
    let st = t.ok(["inspect", "--format", "{{.State.Status}}", "ck"]);
    assert_eq!(st.stdout.trim(), "running");
    assert!(http_get(&addr).contains("hello"));
    let n = counted(&t, "ck").len();
    count_past(&t, "ck", n + 2);

    // Export, remove the container and its volume, import as a new container elsewhere.
    let archive = t.dir.join("ck.tar.zst");
    ck_ok(
        &t,
        &[
            "container",
            "checkpoint",
            "-e",
            archive.to_str().unwrap(),
            "ck",
        ],
    );
    let before = counted(&t, "ck");
    t.ok(["rm", "ck"]);
    t.ok(["volume", "rm", "ckvol"]);
    let r = ck_ok(
        &t,
        &[
            "container",
            "restore",
            "--import",
            archive.to_str().unwrap(),
            "-n",
            "ck2",
        ],
    );
    assert_eq!(r.stdout.trim(), "ck2");
    // The new container's log starts empty: the counter's next numbers prove the memory came along.
    let deadline = Instant::now() + Duration::from_secs(20);
    let next = loop {
        let c = counted(&t, "ck2");
        if c.len() >= 3 {
            break c;
        }
        assert!(Instant::now() < deadline, "ck2 does not count: {c:?}");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(
        next[0],
        before.last().unwrap() + 1,
        "imported counter: {next:?}"
    );
    let r = t.ok(["exec", "ck2", "cat", "/vol/f", "/up"]);
    assert_eq!(
        r.stdout, "data\nchanged\n",
        "the volume and the root fs changes came along"
    );
    assert!(http_get(&addr).contains("hello"));

    // --create-image: the checkpoint as a local image; `restore IMAGE` makes the container again.
    ck_ok(
        &t,
        &[
            "container",
            "checkpoint",
            "--create-image",
            "ckimage",
            "ck2",
        ],
    );
    let labels = t.ok([
        "image",
        "inspect",
        "--format",
        "{{json .Labels}}",
        "ckimage",
    ]);
    assert!(
        labels
            .stdout
            .contains("io.podman.annotations.checkpoint.name"),
        "{}",
        labels.stdout
    );
    t.ok(["rm", "ck2"]);
    let r = ck_ok(&t, &["container", "restore", "ckimage"]);
    assert_eq!(r.stdout.trim(), "ckimage");
    let st = t.ok(["inspect", "--format", "{{.State.Status}}", "ck2"]);
    assert_eq!(st.stdout.trim(), "running");
    assert!(http_get(&addr).contains("hello"));
    t.ok(["rm", "-f", "ck2"]);
    t.ok(["rmi", "ckimage"]);
}

#[test]
fn checkpoint_refusals_say_what_to_do() {
    if !crate::util::is_root() {
        return;
    }
    let t = TestEnv::as_self("checkpoint-refused");
    let image = format!("{}/busybox:latest", registry());
    t.ok(["pull", "--tls-verify=false", "-q", &image]);
    t.ok(["run", "-d", "-t", "--name", "tty", &image, "sleep", "100"]);
    let r = ck(&t, &["container", "checkpoint", "tty"]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("terminal (-t)"), "{}", r.stderr);
    t.ok([
        "run",
        "-d",
        "--rm",
        "--network",
        "none",
        "--name",
        "gone",
        &image,
        "sleep",
        "100",
    ]);
    let r = ck(&t, &["container", "checkpoint", "gone"]);
    assert!(
        r.stderr.contains("--rm") && r.stderr.contains("--export"),
        "{}",
        r.stderr
    );
    // Without criu: the package to install.
    let empty = t.dir.join("no-helpers");
    std::fs::create_dir_all(&empty).unwrap();
    let r = Run::from(
        t.cmd(["container", "checkpoint", "gone"])
            .env("SKIFF_HELPER_BINARIES_DIR", &empty)
            .output()
            .unwrap(),
    );
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("apt install criu"), "{}", r.stderr);
    // Nothing to restore.
    t.ok(["create", "--name", "fresh", &image, "true"]);
    let r = ck(&t, &["container", "restore", "fresh"]);
    assert_eq!(r.code, 125);
    assert!(
        r.stderr.contains("no checkpoint to restore"),
        "{}",
        r.stderr
    );
    // A hostile archive (a member climbing out): refused, no container made.
    let evil = t.dir.join("evil.tar");
    {
        let mut b = tar::Builder::new(std::fs::File::create(&evil).unwrap());
        let data = b"{}";
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        // set_path refuses "..": write the name bytes directly.
        h.as_gnu_mut().unwrap().name[..9].copy_from_slice(b"../escape");
        h.set_cksum();
        b.append(&h, &data[..]).unwrap();
        b.finish().unwrap();
    }
    let r = ck(
        &t,
        &["container", "restore", "--import", evil.to_str().unwrap()],
    );
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("not a plain name"), "{}", r.stderr);
    assert!(!t.dir.join("escape").exists() && !t.root.join("escape").exists());
    let ps = t.ok(["ps", "-a", "--format", "{{.Names}}"]);
    let mut names: Vec<&str> = ps.stdout.lines().collect();
    names.sort();
    assert_eq!(names, ["fresh", "gone", "tty"]);
    t.ok(["rm", "-f", "-a"]);
    // As an ordinary user: root is needed, and said.
    let u = TestEnv::new("checkpoint-rootless");
    let r = u.run(["container", "checkpoint", "--all"]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("requires root"), "{}", r.stderr);
}
