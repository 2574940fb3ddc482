//! Crash campaign: kill -9 at pseudo-random instants (a fixed seed, printed) of pull, push, run,
//! run -d, rm, commit, build, volume create, network create and a container's supervisor. After
//! each: `system check` is clean (or `--repair` makes it so), the same command then succeeds
//! within a bound (no lock left held), and at the end nothing is left: no processes of the test,
//! no mounts (TestEnv's drop checks), no temporary dirs (system check).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{registry, wait_with_timeout, Run, TestEnv};

/// A small deterministic generator (xorshift), so that a failure can be replayed by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// pasta processes of this test's store whose container is no longer listed (by `ps -a`), and
/// still there a moment later (one just killed by a removal may not have exited yet).
fn orphan_helpers(t: &TestEnv) -> Vec<String> {
    let first = orphans_now(t);
    if first.is_empty() {
        return first;
    }
    std::thread::sleep(Duration::from_millis(300));
    let again = orphans_now(t);
    first.into_iter().filter(|o| again.contains(o)).collect()
}

fn orphans_now(t: &TestEnv) -> Vec<String> {
    let listed = t.ok(["ps", "-aq", "--no-trunc"]).stdout;
    let out = Command::new("pgrep")
        .args(["-a", "-f", &format!("pasta.*{}", t.dir.display())])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| {
            l.split("/containers/")
                .nth(1)
                .and_then(|rest| rest.get(..64))
                .is_some_and(|id| !listed.contains(id))
        })
        .map(str::to_string)
        .collect()
}

fn kill9(pid: u32) {
    let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
}

#[test]
fn kill_9_at_random_instants_leaves_a_consistent_store() {
    let t = TestEnv::new("crash");
    let seed: u64 = std::env::var("SKIFF_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_c0ffee);
    let mut rng = Rng(seed);
    let bb = format!("{}/busybox:latest", registry());
    let big = format!("{}/big:latest", registry());
    let push_to = format!("{}/skiff-crash/pushed-{}:1", registry(), std::process::id());
    t.ok(["pull", "-q", &bb]);
    t.ok(["run", "-d", "--name", "base", &bb, "sleep", "3600"]);
    let ctx = t.home.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Containerfile"),
        format!("FROM {bb}\nRUN echo step > /f\n"),
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&ctx, u.uid, u.gid);
    }
    let ctxs = ctx.to_str().unwrap().to_string();
    // (name, its command, how long it usually takes in ms: the kill lands within that)
    let ops: Vec<(&str, Vec<String>, u64)> = vec![
        ("pull", vec!["pull".into(), "-q".into(), big.clone()], 400),
        (
            "push",
            vec![
                "push".into(),
                "--tls-verify=false".into(),
                bb.clone(),
                push_to.clone(),
            ],
            300,
        ),
        (
            "run",
            vec!["run".into(), "--rm".into(), bb.clone(), "true".into()],
            300,
        ),
        (
            "run -d",
            vec![
                "run".into(),
                "-d".into(),
                bb.clone(),
                "sleep".into(),
                "600".into(),
            ],
            300,
        ),
        (
            "commit",
            vec!["commit".into(), "base".into(), "crash-commit:1".into()],
            300,
        ),
        (
            "build",
            vec![
                "build".into(),
                "-q".into(),
                "--no-cache".into(),
                "-t".into(),
                "crash-build:1".into(),
                ctxs,
            ],
            600,
        ),
        (
            "volume create",
            vec!["volume".into(), "create".into(), "crashvol".into()],
            60,
        ),
        (
            "network create",
            vec!["network".into(), "create".into(), "crashnet".into()],
            60,
        ),
        ("rm", vec!["rm".into(), "-f".into(), "victim".into()], 200),
    ];
    let (mut tried, mut lost) = (0, Vec::<String>::new());
    let started = Instant::now();
    for round in 0..12 {
        for (name, args, typical) in &ops {
            // The state each op needs, made untimed.
            match *name {
                "pull" => {
                    t.run(["rmi", "-f", &big]);
                }
                "volume create" => {
                    t.run(["volume", "rm", "-f", "crashvol"]);
                }
                "network create" => {
                    t.run(["network", "rm", "-f", "crashnet"]);
                }
                "rm" => {
                    t.ok(["run", "-d", "--name", "victim", &bb, "sleep", "600"]);
                }
                _ => {}
            }
            tried += 1;
            let delay = rng.below(*typical);
            let mut child = t
                .cmd(args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(Duration::from_millis(delay));
            kill9(child.id());
            let _ = child.wait();
            let what = format!("round {round} {name} killed after {delay} ms (seed {seed})");
            // Consistent, or repairable to consistent.
            let check = t.run(["system", "check"]);
            if check.code != 0 {
                let rep = t.run(["system", "check", "--repair"]);
                let again = t.run(["system", "check"]);
                if rep.code != 0 || again.code != 0 {
                    lost.push(format!(
                        "{what}: not repairable:\n{}\n{}",
                        rep.describe(),
                        again.describe()
                    ));
                }
            }
            // The next command succeeds, within a bound (a lock left held would hang it).
            let mut again = t.cmd(args);
            again.stdout(Stdio::piped()).stderr(Stdio::piped());
            let r: Run = wait_with_timeout(again.spawn().unwrap(), 120);
            let ok = r.code == 0
                // `rm` of what the killed rm already removed, volume/network create of what the
                // killed one made: the outcome is the same state.
                || (*name == "rm" && r.stderr.contains("no container"))
                || (*name == "volume create" && r.stderr.contains("exists"))
                || (*name == "network create" && r.stderr.contains("exists already"));
            if !ok {
                lost.push(format!("{what}: the next {name} failed:\n{}", r.describe()));
            }
            let orphans = orphan_helpers(&t);
            if !orphans.is_empty() {
                lost.push(format!(
                    "{what}: network helpers of containers no longer listed: {orphans:?}"
                ));
            }
        }
        // A supervisor killed: the container is reported, and removable.
        tried += 1;
        let id = t
            .ok(["run", "-d", &bb, "sleep", "600"])
            .stdout
            .trim()
            .to_string();
        let sup = Command::new("pgrep")
            .args(["-f", &format!("internal-supervise {id}")])
            .output()
            .unwrap();
        if let Some(pid) = String::from_utf8_lossy(&sup.stdout)
            .split_whitespace()
            .next()
        {
            std::thread::sleep(Duration::from_millis(rng.below(200)));
            kill9(pid.parse().unwrap());
        }
        let r = t.run(["rm", "-f", &id]);
        let check = t.run(["system", "check"]);
        if r.code != 0 || check.code != 0 {
            lost.push(format!(
                "round {round} supervisor killed: {}\n{}",
                r.describe(),
                check.describe()
            ));
            t.run(["system", "check", "--repair"]);
        }
        // Between rounds: the containers the runs left (run -d, killed run --rm).
        let listed = t.run(["ps", "-a", "--no-trunc"]).stdout;
        let rm_all = t.run(["rm", "-f", "--all", "-t", "0"]);
        std::thread::sleep(Duration::from_millis(300));
        let helpers = Command::new("pgrep")
            .args(["-a", "-f", &format!("pasta.*{}", t.dir.display())])
            .output()
            .unwrap();
        let helpers = String::from_utf8_lossy(&helpers.stdout).into_owned();
        if !helpers.trim().is_empty() {
            lost.push(format!(
                "round {round}: network helpers left after rm --all: {helpers}\ncontainers \
                 before:\n{listed}\nrm --all: {}",
                rm_all.describe()
            ));
            let _ = Command::new("pkill")
                .args(["-9", "-f", &format!("pasta.*{}", t.dir.display())])
                .status();
        }
        t.ok(["run", "-d", "--name", "base", &bb, "sleep", "3600"]);
    }
    t.run(["rm", "-f", "--all", "-t", "0"]);
    t.run(["network", "rm", "-f", "crashnet"]);
    t.run(["volume", "prune", "-f"]);
    let check = t.run(["system", "check"]);
    if check.code != 0 {
        lost.push(format!("at the end: {}", check.describe()));
    }
    // No process of this test's store survives its containers (helpers may take a moment to
    // notice their namespace is gone).
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let out = Command::new("pgrep")
            .args(["-a", "-f", t.dir.to_str().unwrap()])
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&out.stdout).into_owned();
        // (The store's user namespace holder stays, as podman's pause process does.)
        let left: Vec<&str> = out
            .lines()
            .filter(|l| !l.contains("pgrep") && !l.contains("internal-userns-pause"))
            .collect();
        if left.is_empty() {
            break;
        }
        if Instant::now() > deadline {
            lost.push(format!("processes left: {left:?}"));
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    println!(
        "crashes (seed {seed}): tried {tried}, survived {}, lost {} in {:.0}s",
        tried - lost.len(),
        lost.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(lost.is_empty(), "{}", lost.join("\n---\n"));
}

/// A pasta left running for a container that no longer exists (its starter killed with -9 at
/// the wrong moment) is found by `system check` and stopped by `--repair`. (A stand-in process
/// named pasta, with pasta's `--pid FILE` in a container's run dir, plays the leftover.)
#[test]
fn system_check_stops_network_helpers_of_removed_containers() {
    use std::os::unix::process::CommandExt;
    let t = TestEnv::new("crash-orphan");
    t.ok(["system", "check"]);
    let bin = t.dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink("/usr/bin/python3", bin.join("pasta")).unwrap();
    let pidfile = t
        .runroot
        .join("containers")
        .join("5".repeat(64))
        .join("pasta.pid");
    let mut cmd = Command::new(bin.join("pasta"));
    cmd.args(["-c", "import time; time.sleep(600)", "--pid"])
        .arg(&pidfile)
        .arg("4242");
    if let Some(u) = &t.user {
        cmd.uid(u.uid).gid(u.gid);
    }
    let fake = cmd.spawn().unwrap();
    let fake_pid = fake.id();
    let r = t.run(["system", "check"]);
    assert_ne!(r.code, 0, "{}", r.describe());
    let shown = format!(
        "network helper (pasta, pid {}) of a removed container",
        fake_pid
    );
    assert!(r.stdout.contains(&shown), "{}", r.describe());
    assert!(
        r.stdout.contains(pidfile.to_str().unwrap()),
        "{}",
        r.describe()
    );
    t.ok(["system", "check", "--repair"]);
    // (Panics if the stand-in still runs after 10 s.)
    crate::util::wait_with_timeout(fake, 10);
    t.ok(["system", "check"]);
}
