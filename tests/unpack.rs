//! Unpacking real-sized layers through `skiff pull`: descriptor use bounded by path depth, a failing
//! unpack helper's own error reaching the user, interrupted pulls leaving nothing behind, and exit
//! 141 reserved for skiff's own closed stdout.

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{fixtures, registry, wait_with_timeout, Run, TestEnv};

fn img(name: &str) -> String {
    format!("{}/{name}:latest", registry())
}

/// Run a skiff command under `prlimit --nofile=N:N` with a deadline; asserts exit 0.
pub(crate) fn ok_with_nofile(t: &TestEnv, n: u32, args: &[&str]) -> Run {
    let mut c = with_nofile(&t.cmd(args), n);
    let r = wait_with_timeout(
        c.stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
        300,
    );
    assert_eq!(r.code, 0, "skiff {}: {}", args.join(" "), r.describe());
    r
}

/// The same command under `prlimit --nofile=N:N` (soft and hard), as `ulimit -n N` would run it.
pub(crate) fn with_nofile(c: &Command, n: u32) -> Command {
    let mut p = Command::new("prlimit");
    p.arg(format!("--nofile={n}:{n}"))
        .arg("--")
        .arg(c.get_program())
        .args(c.get_args())
        .env_clear();
    for (k, v) in c.get_envs() {
        if let Some(v) = v {
            p.env(k, v);
        }
    }
    if let Some(d) = c.get_current_dir() {
        p.current_dir(d);
    }
    p.stdin(Stdio::null());
    p
}

fn tmp_layers(t: &TestEnv) -> Vec<String> {
    std::fs::read_dir(t.root.join("layers"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn twenty_thousand_directories_unpack_under_a_256_descriptor_limit() {
    let t = TestEnv::new("unpack-many");
    let r = ok_with_nofile(&t, 256, &["pull", "-q", &img("manydirs")]);
    assert_eq!(
        format!("sha256:{}", r.stdout.trim()),
        fixtures()["manydirs"]["image_id"].as_str().unwrap()
    );
    assert!(tmp_layers(&t).is_empty(), "{:?}", tmp_layers(&t));
    let dirs = fixtures()["manydirs"]["dirs"].as_u64().unwrap();
    let r = t.ok([
        "run",
        "--rm",
        "--network",
        "none",
        &img("manydirs"),
        "sh",
        "-c",
        "ls /many | wc -l; find /many -type f | wc -l; cat /many/d19999/late /many/d00000/late",
    ]);
    let got: Vec<&str> = r.stdout.split_whitespace().collect();
    assert_eq!(
        got,
        [
            dirs.to_string(),
            (dirs * 10).to_string(),
            (dirs - 1).to_string(),
            "0".to_string()
        ],
        "{}",
        r.describe()
    );
}

#[test]
fn a_failing_unpack_helper_reports_its_own_error() {
    let t = TestEnv::new("unpack-fail");
    let layer = fixtures()["badentry"]["layer_digests"][1]
        .as_str()
        .unwrap()
        .to_string();
    let short = &layer["sha256:".len().."sha256:".len() + 12];
    // Twice: the second pull starts fresh, without tripping over the first one's leftovers.
    for _ in 0..2 {
        let r = t.run(["pull", &img("badentry")]);
        assert_eq!(r.code, 125, "{}", r.describe());
        assert!(r.stderr.contains("blocker/inside"), "{}", r.describe());
        assert!(r.stderr.contains("Not a directory"), "{}", r.describe());
        assert!(r.stderr.contains(short), "{}", r.describe());
        assert!(!r.stderr.contains("Broken pipe"), "{}", r.describe());
        assert!(tmp_layers(&t).is_empty(), "{:?}", tmp_layers(&t));
    }
    let images = t.ok(["images", "-q"]);
    assert!(images.stdout.trim().is_empty(), "{}", images.describe());
    let check = t.ok(["system", "check"]);
    assert!(
        check.stderr.contains("No problems found"),
        "{}",
        check.describe()
    );
}

#[test]
fn an_interrupted_pull_removes_its_unfinished_layers() {
    let t = TestEnv::new("unpack-int");
    let mut child = t
        .cmd(["pull", &img("big")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap();
    // Interrupt once a layer is being unpacked.
    let deadline = Instant::now() + Duration::from_secs(30);
    while tmp_layers(&t).is_empty() {
        assert!(Instant::now() < deadline, "no layer was ever unpacked");
        assert!(child.try_wait().unwrap().is_none(), "the pull ended early");
        std::thread::sleep(Duration::from_millis(2));
    }
    let pid = child.id().to_string();
    Command::new("kill").args(["-INT", &pid]).status().unwrap();
    let r = wait_with_timeout(child, 30);
    if r.code == 0 {
        // It finished between our look and the signal: nothing to check.
        return;
    }
    assert_eq!(r.code, 130, "{}", r.describe());
    assert!(r.stderr.contains("interrupted"), "{}", r.describe());
    assert!(tmp_layers(&t).is_empty(), "{:?}", tmp_layers(&t));
    // No unpack helper outlives it.
    let left = Command::new("pgrep")
        .args([
            "-f",
            &format!("internal-unpack --dest {}", t.root.display()),
        ])
        .output()
        .unwrap();
    assert!(left.stdout.is_empty(), "{}", Run::from(left).describe());
    let check = t.ok(["system", "check"]);
    assert!(
        check.stderr.contains("No problems found"),
        "{}",
        check.describe()
    );
    t.ok(["pull", "-q", &img("big")]);
}

#[test]
fn exit_141_only_for_our_own_closed_stdout() {
    let t = TestEnv::new("unpack-epipe");
    t.ok(["pull", "-q", &img("busybox")]);
    let (read, write) = nix::unistd::pipe().unwrap();
    drop(read);
    let r = Run::from(
        t.cmd(["images"])
            .stdout(Stdio::from(write))
            .stderr(Stdio::piped())
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, 141, "{}", r.describe());
    assert!(r.stderr.is_empty(), "{}", r.describe());
}

/// Every other path that walks or creates many files (commit, diff, export, cp out and in, save,
/// load, build COPY, volume copy-up, the id-shifted copy for keep-id) keeps its descriptors bounded
/// by the path depth: a tree of 1,000 directories goes through each under a 256-descriptor limit.
#[test]
fn tree_walkers_stay_under_a_256_descriptor_limit() {
    let t = TestEnv::new("unpack-walkers");
    t.ok(["pull", "-q", &img("busybox")]);
    t.ok([
        "run",
        "--name",
        "w",
        "--network",
        "none",
        &img("busybox"),
        "sh",
        "-c",
        "for i in $(seq 1000); do mkdir -p /t/d$i; echo $i > /t/d$i/f; done",
    ]);
    let lim = |args: &[&str]| ok_with_nofile(&t, 256, args);
    lim(&["commit", "-q", "w", "walked"]);
    let diff = lim(&["diff", "w"]);
    assert!(diff.stdout.contains("/t/d1000/f"), "{}", diff.describe());
    let exported = t.home.join("w.tar");
    lim(&["export", "-o", exported.to_str().unwrap(), "w"]);
    let ctx = t.home.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    crate::util::chown_r(
        &ctx,
        t.user.as_ref().map_or(0, |u| u.uid),
        t.user.as_ref().map_or(0, |u| u.gid),
    );
    lim(&["cp", "w:/t", ctx.join("t").to_str().unwrap()]);
    std::fs::write(
        ctx.join("Containerfile"),
        format!("FROM {}\nCOPY t /t2\n", img("busybox")),
    )
    .unwrap();
    lim(&["build", "-q", "-t", "copied", ctx.to_str().unwrap()]);
    lim(&["cp", ctx.join("t").to_str().unwrap(), "w:/t3"]);
    let saved = t.home.join("walked.tar");
    lim(&["save", "-o", saved.to_str().unwrap(), "walked"]);
    t.ok(["rmi", "walked"]);
    lim(&["load", "-q", "-i", saved.to_str().unwrap()]);
    let count = "find /t2 -type f | wc -l";
    let r = t.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "walked",
        "sh",
        "-c",
        "ls /t | wc -l",
    ]);
    assert_eq!(r.stdout.trim(), "1000", "{}", r.describe());
    let r = t.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "copied",
        "sh",
        "-c",
        count,
    ]);
    assert_eq!(r.stdout.trim(), "1000", "{}", r.describe());
    // Copy-up of the image's /t into a fresh named volume, and the keep-id copy, under the limit.
    let r = lim(&[
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        "vol:/t",
        "walked",
        "sh",
        "-c",
        "ls /t | wc -l",
    ]);
    assert_eq!(r.stdout.trim(), "1000", "{}", r.describe());
    if t.user.is_some() {
        let r = lim(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--userns",
            "keep-id",
            "walked",
            "sh",
            "-c",
            "ls /t | wc -l",
        ]);
        assert_eq!(r.stdout.trim(), "1000", "{}", r.describe());
    }
    t.ok(["rm", "-f", "w"]);
}
