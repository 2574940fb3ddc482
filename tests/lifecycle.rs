//! Detached containers without a daemon: run -d, ps, logs, stop, kill, rm, supervisor loss.

use std::time::{Duration, Instant};

use crate::util::{registry, Run, TestEnv};

fn img(name: &str) -> String {
    format!("{}/{name}:latest", registry())
}

fn wait_for(what: &str, secs: u64, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn status(t: &TestEnv, name: &str) -> String {
    t.ok([
        "ps",
        "-a",
        "--filter",
        &format!("name={name}"),
        "--format",
        "{{.State}} {{.Status}}",
    ])
    .stdout
    .trim()
    .to_string()
}

#[test]
fn run_detached_ps_logs_stop_rm() {
    let t = TestEnv::new("life-basic");
    let r = t.ok([
        "run",
        "-d",
        "--name",
        "web",
        &img("busybox"),
        "sh",
        "-c",
        "echo to-out; echo to-err >&2; while :; do sleep 0.1; done",
    ]);
    let id = r.stdout.trim().to_string();
    assert_eq!(id.len(), 64, "{}", r.describe());
    let ps = t.ok(["ps"]);
    assert!(
        ps.stdout
            .lines()
            .next()
            .unwrap()
            .starts_with("CONTAINER ID  IMAGE"),
        "{}",
        ps.describe()
    );
    assert!(
        ps.stdout.contains(&id[..12]) && ps.stdout.contains("Up "),
        "{}",
        ps.describe()
    );
    assert_eq!(t.ok(["ps", "-q"]).stdout.trim(), &id[..12]);
    assert_eq!(t.ok(["ps", "-q", "--no-trunc"]).stdout.trim(), id);
    let j: serde_json::Value = t.ok(["ps", "--format", "json"]).json();
    assert_eq!(j[0]["Names"], "web");
    assert_eq!(j[0]["State"], "running");
    assert!(j[0]["Pid"].as_i64().unwrap() > 0);
    wait_for("output", 10, || {
        t.ok(["logs", "web"]).stdout.contains("to-out")
    });
    let logs = t.ok(["logs", "web"]);
    assert_eq!(logs.stdout, "to-out\n");
    assert_eq!(logs.stderr, "to-err\n");
    assert!(
        t.ok(["logs", "-t", &id[..6]]).stdout.starts_with("20"),
        "timestamps"
    );
    // Running containers are not removed without -f.
    let r = t.run(["rm", "web"]);
    assert_eq!(r.code, 2, "podman's code");
    assert!(r.stderr.contains("rm -f"), "{}", r.describe());
    // PID 1 ignores SIGTERM (no handler in a pid namespace): stop waits -t then kills.
    let started = Instant::now();
    assert_eq!(t.ok(["stop", "-t", "1", "web"]).stdout, "web\n");
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert!(
        status(&t, "web").starts_with("exited Exited (137)"),
        "{}",
        status(&t, "web")
    );
    assert!(t.ok(["ps", "-q"]).stdout.is_empty());
    // Logs survive the exit.
    assert_eq!(t.ok(["logs", "web"]).stdout, "to-out\n");
    assert_eq!(t.ok(["rm", "web"]).stdout, "web\n");
    assert!(t.ok(["ps", "-aq"]).stdout.is_empty());
    assert_eq!(
        std::fs::read_dir(t.root.join("containers"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().len() == 64)
            .count(),
        0
    );
    let r = t.run(["logs", "web"]);
    assert_eq!(r.code, 125);
    assert!(
        r.stderr
            .contains("no container with name or ID \"web\" found: no such container"),
        "{}",
        r.describe()
    );
}

#[test]
fn exit_codes_logs_follow_and_auto_remove() {
    let t = TestEnv::new("life-exit");
    t.ok([
        "run",
        "-d",
        "--name",
        "short",
        &img("busybox"),
        "sh",
        "-c",
        "for i in 1 2 3; do echo line$i; sleep 0.3; done; exit 3",
    ]);
    // -f streams until the container exits, then ends by itself.
    let mut c = t.cmd(["logs", "-f", "short"]);
    c.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let r = crate::util::wait_with_timeout(c.spawn().unwrap(), 20);
    assert_eq!(r.stdout, "line1\nline2\nline3\n", "{}", r.describe());
    wait_for("exit recorded", 10, || {
        status(&t, "short").starts_with("exited")
    });
    assert!(
        status(&t, "short").starts_with("exited Exited (3)"),
        "{}",
        status(&t, "short")
    );
    assert_eq!(t.ok(["logs", "--tail", "1", "short"]).stdout, "line3\n");
    // --rm -d: gone after the exit.
    t.ok([
        "run",
        "-d",
        "--rm",
        "--name",
        "gone",
        &img("busybox"),
        "true",
    ]);
    wait_for("--rm removal", 10, || {
        !t.ok(["ps", "-a"]).stdout.contains("gone")
    });
    // A failing command is reported by run -d itself, with docker's code.
    let r = t.run(["run", "-d", &img("busybox"), "no-such-binary"]);
    assert_eq!(r.code, 127, "{}", r.describe());
}

#[test]
fn killed_supervisor_is_reported_and_rm_f_cleans_up() {
    let t = TestEnv::new("life-supervisor");
    t.ok([
        "run",
        "-d",
        "--name",
        "orphan",
        &img("busybox"),
        "sleep",
        "1000",
    ]);
    let rec = t.ok(["ps", "--format", "json"]).json();
    let pid = rec[0]["Pid"].as_i64().unwrap() as i32;
    let ps_out = std::process::Command::new("ps")
        .args(["-o", "ppid=", "-p", &pid.to_string()])
        .output()
        .unwrap();
    let supervisor: i32 = String::from_utf8_lossy(&ps_out.stdout)
        .trim()
        .parse()
        .unwrap();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(supervisor),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    wait_for("supervisor gone", 10, || {
        status(&t, "orphan").contains("supervisor gone")
    });
    let r = t.ok(["rm", "-f", "orphan"]);
    assert_eq!(r.stdout, "orphan\n");
    wait_for("container process gone", 10, || {
        !std::path::Path::new(&format!("/proc/{pid}")).exists()
    });
    assert!(t.ok(["ps", "-aq"]).stdout.is_empty());
}

/// `rm -f` while a detached start is under way (a prestart hook holds it, with the container's
/// pasta already up) waits for the start to end, then stops and removes the container: nothing
/// of it runs on (command, supervisor, pasta), and `run -d` reports its start. `container
/// prune` meanwhile leaves the starting container alone.
#[test]
fn rm_waits_for_a_start_under_way() {
    let t = TestEnv::new("life-starting");
    let hooks = t.dir.join("hooks.d");
    std::fs::create_dir_all(&hooks).unwrap();
    let mark = t.dir.join("in-prestart");
    let hook = serde_json::json!({
        "version": "1.0.0",
        "hook": {"path": "/bin/sh",
                 "args": ["sh", "-c", format!("touch {}; sleep 1", mark.display())]},
        "when": {"always": true},
        "stages": ["prestart"],
    });
    std::fs::write(hooks.join("slow.json"), hook.to_string()).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.dir, u.uid, u.gid);
    }
    let hd = hooks.to_str().unwrap();
    let run = t
        .cmd([
            "--hooks-dir",
            hd,
            "run",
            "-d",
            "--network",
            "pasta",
            "--name",
            "slow",
            &img("busybox"),
            "sleep",
            "3607",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for("the prestart hook", 30, || mark.exists());
    t.ok(["container", "prune", "-f"]);
    t.ok(["inspect", "slow"]);
    let r = t.ok(["rm", "-f", "slow"]);
    assert_eq!(r.stdout, "slow\n");
    let run = crate::util::wait_with_timeout(run, 60);
    assert_eq!(run.code, 0, "run -d: {}", run.describe());
    assert!(t.ok(["ps", "-aq"]).stdout.is_empty());
    let alive = |pattern: &str| {
        let out = std::process::Command::new("pgrep")
            .args(["-a", "-f", pattern])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    wait_for("the container's processes to go", 10, || {
        alive("^sleep 3607$").is_empty()
            && alive(&format!("(pasta|internal-supervise).*{}", t.dir.display())).is_empty()
    });
}

#[test]
fn kill_sends_signals_and_start_runs_created_containers_detached() {
    let t = TestEnv::new("life-kill");
    t.ok([
        "create",
        "--name",
        "c1",
        &img("busybox"),
        "sh",
        "-c",
        "trap 'echo got-usr1' USR1; while :; do sleep 0.1; done",
    ]);
    assert_eq!(status(&t, "c1"), "created Created");
    assert_eq!(t.ok(["start", "c1"]).stdout, "c1\n");
    wait_for("running", 10, || status(&t, "c1").starts_with("running"));
    std::thread::sleep(Duration::from_millis(300));
    t.ok(["kill", "-s", "USR1", "c1"]);
    wait_for("trap output", 10, || {
        t.ok(["logs", "c1"]).stdout.contains("got-usr1")
    });
    t.ok(["kill", "c1"]);
    wait_for("killed", 10, || {
        status(&t, "c1").starts_with("exited Exited (137)")
    });
    let r = t.run(["kill", "c1"]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("not running"), "{}", r.describe());
}

#[test]
fn parallel_runs_ps_and_removals_do_not_corrupt_the_store() {
    let t = TestEnv::new("life-parallel");
    t.ok(["pull", "-q", &img("busybox")]);
    // A deadlock fails the test (each command has a deadline) instead of hanging the suite.
    let timed = |args: &[&str]| -> Run {
        let child = t
            .cmd(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        crate::util::wait_with_timeout(child, 120)
    };
    let results: Vec<Run> = std::thread::scope(|s| {
        let mut hs = Vec::new();
        for i in 0..20 {
            let timed = &timed;
            hs.push(s.spawn(move || {
                let name = format!("p{i}");
                let a = timed(&[
                    "run",
                    "-d",
                    "--name",
                    &name,
                    &img("busybox"),
                    "sleep",
                    "100",
                ]);
                let b = timed(&["ps", "-a", "--format", "json"]);
                let c = timed(&["rm", "-f", &name]);
                vec![a, b, c]
            }));
        }
        hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    for r in &results {
        assert_eq!(r.code, 0, "{}", r.describe());
    }
    // Every listing was whole JSON: no half-written record was ever read.
    for r in results.iter().skip(1).step_by(3) {
        assert!(r.json().is_array(), "{}", r.describe());
    }
    assert!(t.ok(["ps", "-aq"]).stdout.is_empty());
}

/// `restart` of a container made with `--rm` restarts it (docker and podman do) instead of
/// losing it to the removal its stop would bring; a plain `stop` afterwards still removes it. The
/// same for one run in the foreground: its `skiff run` ends with the stop, the container runs on.
#[test]
fn restart_keeps_an_rm_container() {
    let t = TestEnv::new("life-rm-restart");
    let pid = |name: &str| -> String {
        let r = t.ok(["inspect", "--format", "{{.State.Pid}}", name]);
        r.stdout.trim().to_string()
    };
    t.ok([
        "run",
        "-d",
        "--rm",
        "--name",
        "tmp",
        &img("busybox"),
        "sleep",
        "1000",
    ]);
    let before = pid("tmp");
    t.ok(["restart", "-t", "0", "tmp"]);
    assert!(
        status(&t, "tmp").starts_with("running"),
        "{}",
        status(&t, "tmp")
    );
    assert_ne!(pid("tmp"), before, "the restart started a new process");
    t.ok(["stop", "-t", "0", "tmp"]);
    wait_for("the --rm container's removal after stop", 20, || {
        t.ok(["ps", "-aq", "--filter", "name=^tmp$"])
            .stdout
            .is_empty()
    });

    let fg = t
        .cmd([
            "run",
            "--rm",
            "--name",
            "fg",
            &img("busybox"),
            "sleep",
            "1000",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for("the foreground container to run", 20, || {
        status(&t, "fg").starts_with("running")
    });
    let before = pid("fg");
    t.ok(["restart", "-t", "0", "fg"]);
    crate::util::wait_with_timeout(fg, 20);
    assert!(
        status(&t, "fg").starts_with("running"),
        "{}",
        status(&t, "fg")
    );
    assert_ne!(pid("fg"), before);
    t.ok(["rm", "-f", "-t", "0", "fg"]);
}

#[test]
fn inspect_wait_rename_restart_prune() {
    let t = TestEnv::new("life-misc");
    t.ok([
        "run",
        "-d",
        "--name",
        "svc",
        &img("busybox"),
        "sleep",
        "1000",
    ]);
    let r = t.ok([
        "inspect",
        "--format",
        "{{.State.Status}} {{.Name}} {{.Config.Image}} {{.State.Running}}",
        "svc",
    ]);
    assert_eq!(
        r.stdout,
        format!("running svc {} true\n", img("busybox")),
        "{}",
        r.describe()
    );
    let pid: i32 = t
        .ok(["inspect", "--format", "{{.State.Pid}}", "svc"])
        .stdout
        .trim()
        .parse()
        .unwrap();
    assert!(std::path::Path::new(&format!("/proc/{pid}")).exists());
    // inspect still finds images.
    let r = t.ok(["inspect", "--format", "{{.Os}}", &img("busybox")]);
    assert_eq!(r.stdout, "linux\n");
    t.ok(["rename", "svc", "svc2"]);
    assert_eq!(t.run(["inspect", "svc"]).code, 125);
    t.ok(["restart", "-t", "0", "svc2"]);
    let pid2: i32 = t
        .ok(["inspect", "--format", "{{.State.Pid}}", "svc2"])
        .stdout
        .trim()
        .parse()
        .unwrap();
    assert_ne!(pid, pid2);
    t.ok([
        "run",
        "-d",
        "--name",
        "quick",
        &img("busybox"),
        "sh",
        "-c",
        "sleep 0.3; exit 9",
    ]);
    let r = t.ok(["wait", "quick"]);
    assert_eq!(r.stdout, "9\n", "{}", r.describe());
    let pruned = t.ok(["container", "prune", "-f"]);
    assert_eq!(pruned.stdout.lines().count(), 1, "{}", pruned.describe());
    assert_eq!(t.ok(["ps", "-aq"]).stdout.lines().count(), 1);
    t.ok(["rm", "-f", "svc2"]);
}

#[test]
fn exec_joins_the_running_container() {
    let t = TestEnv::new("life-exec");
    t.ok([
        "run",
        "-d",
        "--name",
        "box",
        &img("busybox"),
        "sh",
        "-c",
        "echo marker > /tmp/m; sleep 1000",
    ]);
    wait_for("marker", 10, || {
        t.run(["exec", "box", "cat", "/tmp/m"]).stdout == "marker\n"
    });
    let r = t.run([
        "exec",
        "-e",
        "X=1",
        "-w",
        "/tmp",
        "box",
        "sh",
        "-c",
        "echo $X $(pwd); ps -o pid,comm | awk '$1==1{print $2}'; exit 6",
    ]);
    assert_eq!(r.code, 6, "{}", r.describe());
    assert_eq!(r.stdout, "1 /tmp\nsleep\n");
    assert_eq!(
        t.ok(["exec", "-u", "app", "box", "id", "-u"]).stdout,
        "1000\n"
    );
    let r = t.run(["exec", "box", "no-such"]);
    assert_eq!(r.code, 127, "{}", r.describe());
    let caps = t
        .ok(["exec", "box", "grep", "CapEff", "/proc/self/status"])
        .stdout;
    assert!(caps.contains("00000000a80425fb"), "{caps}");
    let caps = t
        .ok([
            "exec",
            "--privileged",
            "box",
            "grep",
            "CapEff",
            "/proc/self/status",
        ])
        .stdout;
    assert!(caps.contains("000001ffffffffff"), "{caps}");
    t.ok(["stop", "-t", "0", "box"]);
    let r = t.run(["exec", "box", "true"]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("not running"), "{}", r.describe());
}

#[test]
fn top_stats_and_pause_work_without_cgroups() {
    let t = TestEnv::new("life-top");
    t.ok([
        "run",
        "-d",
        "--name",
        "busy",
        &img("busybox"),
        "sh",
        "-c",
        "su app -c 'sleep 1000' & while :; do :; done",
    ]);
    wait_for("two processes", 10, || {
        t.ok(["top", "busy"]).stdout.lines().count() == 3
    });
    let top = t.ok(["top", "busy"]);
    let lines: Vec<&str> = top.stdout.lines().collect();
    assert!(
        lines[0].starts_with("USER") && lines[0].contains("COMMAND"),
        "{}",
        top.describe()
    );
    assert!(
        lines[1].starts_with("root") && lines[1].contains(" 1 "),
        "{}",
        top.describe()
    );
    assert!(
        lines[2].starts_with("app") && lines[2].ends_with("sleep 1000"),
        "{}",
        top.describe()
    );
    let r = t.ok(["top", "busy", "pid,comm"]);
    assert_eq!(
        r.stdout
            .lines()
            .nth(2)
            .map(|l| l.split_whitespace().collect::<Vec<_>>()),
        Some(vec!["2", "sleep"])
    );
    let j = t
        .ok(["stats", "--no-stream", "--format", "json", "busy"])
        .json();
    assert_eq!(j[0]["PIDs"], 2);
    assert!(j[0]["MemBytes"].as_u64().unwrap() > 0);
    let cpu: f64 = j[0]["CPUPerc"]
        .as_str()
        .unwrap()
        .trim_end_matches('%')
        .parse()
        .unwrap();
    assert!(cpu > 20.0, "a busy loop shows CPU use: {cpu}");
    t.ok(["pause", "busy"]);
    assert!(t.ok(["ps"]).stdout.contains("Paused"));
    let j = t
        .ok(["stats", "--no-stream", "--format", "json", "busy"])
        .json();
    let cpu: f64 = j[0]["CPUPerc"]
        .as_str()
        .unwrap()
        .trim_end_matches('%')
        .parse()
        .unwrap();
    assert!(cpu < 5.0, "a paused container uses no CPU: {cpu}");
    t.ok(["unpause", "busy"]);
    assert!(t.ok(["ps"]).stdout.contains("Up "));
    t.ok(["rm", "-f", "busy"]);
}

#[test]
fn restart_policies_labels_and_cidfile() {
    let t = TestEnv::new("life-restart");
    let cid = t.dir.join("cid");
    t.ok([
        "run",
        "-d",
        "--name",
        "flaky",
        "--restart",
        "on-failure:2",
        "-l",
        "tier=test",
        "--cidfile",
        cid.to_str().unwrap(),
        &img("busybox"),
        "sh",
        "-c",
        "echo run; exit 1",
    ]);
    let id = std::fs::read_to_string(&cid).unwrap();
    assert_eq!(id.len(), 64);
    // Two restarts, then it stays exited with the command's code.
    let mut last = String::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !last.starts_with("exited Exited (1)") {
        assert!(
            Instant::now() < deadline,
            "timed out waiting for restarts to run out: status {last:?}, {}",
            t.run(["inspect", "flaky"]).describe()
        );
        std::thread::sleep(Duration::from_millis(50));
        last = status(&t, "flaky");
    }
    let r = t.ok([
        "inspect",
        "--format",
        "{{.RestartCount}} {{.HostConfig.RestartPolicy.Name}} \
         {{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.Config.Labels.tier}}",
        "flaky",
    ]);
    assert_eq!(r.stdout, "2 on-failure 2 test\n", "{}", r.describe());
    assert_eq!(t.ok(["logs", "flaky"]).stdout, "run\nrun\nrun\n");
    assert_eq!(
        t.ok(["ps", "-aq", "--filter", "label=tier=test"])
            .stdout
            .trim(),
        &id[..12]
    );
    assert!(t
        .ok(["ps", "-aq", "--filter", "label=tier=prod"])
        .stdout
        .is_empty());
    let r = t.run([
        "create",
        "--cidfile",
        cid.to_str().unwrap(),
        &img("busybox"),
        "true",
    ]);
    assert_eq!(
        r.code,
        125,
        "an existing cidfile is refused: {}",
        r.describe()
    );
    // always: restarts a clean exit too, until stopped.
    t.ok([
        "run",
        "-d",
        "--name",
        "again",
        "--restart",
        "always",
        &img("busybox"),
        "sh",
        "-c",
        "sleep 0.2",
    ]);
    wait_for("a restart", 20, || {
        t.ok(["inspect", "--format", "{{.RestartCount}}", "again"])
            .stdout
            .trim()
            .parse::<u32>()
            .unwrap_or(0)
            >= 2
    });
    t.ok(["stop", "-t", "1", "again"]);
    std::thread::sleep(Duration::from_millis(800));
    assert!(
        status(&t, "again").starts_with("exited"),
        "{}",
        status(&t, "again")
    );
    let r = t.run([
        "run",
        "--rm",
        "-d",
        "--restart",
        "always",
        &img("busybox"),
        "true",
    ]);
    assert_eq!(r.code, 125);
}

#[test]
fn healthchecks_go_healthy_then_unhealthy() {
    let t = TestEnv::new("life-health");
    t.ok([
        "run",
        "-d",
        "--name",
        "hc",
        "--health-cmd",
        "test -f /tmp/ok",
        "--health-interval",
        "0.3s",
        "--health-retries",
        "2",
        &img("busybox"),
        "sh",
        "-c",
        "touch /tmp/ok; sleep 2; rm /tmp/ok; sleep 1000",
    ]);
    let health = || {
        t.ok(["inspect", "--format", "{{.State.Health.Status}}", "hc"])
            .stdout
            .trim()
            .to_string()
    };
    wait_for("healthy", 10, || health() == "healthy");
    assert!(t.ok(["ps"]).stdout.contains("(healthy)"));
    assert_eq!(t.ok(["healthcheck", "run", "hc"]).stdout, "healthy\n");
    wait_for("unhealthy", 15, || health() == "unhealthy");
    let r = t.run(["healthcheck", "run", "hc"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (1, "unhealthy\n"),
        "{}",
        r.describe()
    );
    t.ok(["rm", "-f", "hc"]);
}

#[test]
fn cp_both_ways_with_owners_mapped() {
    let t = TestEnv::new("life-cp");
    t.ok([
        "run",
        "-d",
        "--name",
        "files",
        &img("layers"),
        "sh",
        "-c",
        "mkdir -p /out/sub; echo data > /out/sub/f; ln -s /etc/passwd /out/link; sleep 1000",
    ]);
    wait_for("files", 10, || {
        t.run(["exec", "files", "cat", "/out/sub/f"]).stdout == "data\n"
    });
    // Out: a tree, with the symlink kept as a link (not followed to a host file).
    let dest = t.home.join("got");
    let r = t.run(["cp", "files:/out", dest.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(
        std::fs::read_to_string(dest.join("sub/f")).unwrap(),
        "data\n"
    );
    assert_eq!(
        std::fs::read_link(dest.join("link")).unwrap(),
        std::path::Path::new("/etc/passwd")
    );
    if let Some(u) = &t.user {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(
            std::fs::metadata(dest.join("sub/f")).unwrap().uid(),
            u.uid,
            "copied out files are yours"
        );
    }
    // In: into an existing directory owned by another container user (app, uid 1000).
    let src = t.home.join("in.txt");
    std::fs::write(&src, "from host\n").unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&src, u.uid, u.gid);
    }
    t.ok(["cp", src.to_str().unwrap(), "files:/home/app"]);
    let r = t.ok(["exec", "files", "stat", "-c", "%u %n", "/home/app/in.txt"]);
    assert_eq!(r.stdout, "0 /home/app/in.txt\n");
    assert_eq!(
        t.ok(["exec", "files", "cat", "/home/app/in.txt"]).stdout,
        "from host\n"
    );
    // A container symlink to a host path leads inside the container, never to the host.
    // (refused: the final component is never followed)
    let r = t.run(["cp", src.to_str().unwrap(), "files:/out/link"]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert_ne!(
        std::fs::read_to_string("/etc/passwd").unwrap(),
        "from host\n"
    );
    let r = t.run(["cp", "files:/nope", dest.to_str().unwrap()]);
    assert_eq!(r.code, 125);
    t.ok(["rm", "-f", "files"]);
}

#[test]
fn attach_streams_output_input_and_detaches() {
    let t = TestEnv::new("life-attach");
    // Output (stdout and stderr apart) and the exit code.
    t.ok([
        "run",
        "-d",
        "--name",
        "talk",
        &img("busybox"),
        "sh",
        "-c",
        "sleep 1; echo out-line; echo err-line >&2; sleep 0.3; exit 7",
    ]);
    let child = t
        .cmd(["attach", "talk"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let r = crate::util::wait_with_timeout(child, 20);
    assert_eq!(r.code, 7, "{}", r.describe());
    assert!(
        r.stdout.contains("out-line") && !r.stdout.contains("err-line"),
        "{}",
        r.describe()
    );
    assert!(r.stderr.contains("err-line"), "{}", r.describe());

    // -i: input reaches the container's stdin, EOF included.
    t.ok([
        "run",
        "-d",
        "-i",
        "--name",
        "echoer",
        &img("busybox"),
        "sh",
        "-c",
        "while read l; do echo got:$l; done; echo bye; exit 3",
    ]);
    let mut child = t
        .cmd(["attach", "echoer"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"one\ntwo\n").unwrap();
    }
    let r = crate::util::wait_with_timeout(child, 20);
    assert_eq!(r.code, 3, "{}", r.describe());
    assert!(
        r.stdout.contains("got:one\ngot:two\nbye\n"),
        "{}",
        r.describe()
    );

    // -t: a terminal session, left with the detach keys; the container keeps running.
    t.ok(["run", "-d", "-it", "--name", "term", &img("busybox"), "sh"]);
    let inner = format!(
        "'{}' --root '{}' --runroot '{}' attach term",
        crate::util::skiff_bin().display(),
        t.root.display(),
        t.runroot.display(),
    );
    let mut child = t
        .bare_cmd("script")
        .args(["-qec", &inner, "/dev/null"])
        .env("TERM", "xterm")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        std::thread::sleep(Duration::from_millis(700));
        stdin.write_all(b"echo marker-$((40+2))\n").unwrap();
        std::thread::sleep(Duration::from_millis(500));
        stdin.write_all(&[0x10, 0x11]).unwrap();
        std::thread::sleep(Duration::from_millis(500));
    }
    let r = crate::util::wait_with_timeout(child, 20);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stdout.contains("marker-42"), "{}", r.describe());
    assert!(
        status(&t, "term").starts_with("running"),
        "{}",
        status(&t, "term")
    );
    // Not running: a clear error.
    t.ok(["stop", "-t", "0", "term"]);
    let r = t.run(["attach", "term"]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(r.stderr.contains("not running"), "{}", r.describe());
}

#[test]
fn cp_works_on_created_and_exited_containers() {
    let t = TestEnv::new("life-cp-stopped");
    // Into a container that never ran: the file is there when it starts.
    t.ok([
        "create",
        "--name",
        "fresh",
        &img("busybox"),
        "sh",
        "-c",
        "cat /etc/greeting; ls -ln /etc/greeting",
    ]);
    let src = t.home.join("greeting");
    std::fs::write(&src, "hello from the host\n").unwrap();
    crate::util::chown_r(
        &src,
        t.user.as_ref().unwrap().uid,
        t.user.as_ref().unwrap().gid,
    );
    t.ok(["cp", src.to_str().unwrap(), "fresh:/etc/"]);
    let r = t.ok(["start", "-a", "fresh"]);
    assert!(
        r.stdout.starts_with("hello from the host\n"),
        "{}",
        r.describe()
    );
    // Copied in as the container's root.
    assert!(r.stdout.contains(" 0        0 "), "{}", r.describe());

    // Out of an exited container: what it wrote before it ended.
    t.ok([
        "run",
        "--name",
        "done",
        &img("busybox"),
        "sh",
        "-c",
        "mkdir /out; echo written-inside > /out/f",
    ]);
    let dest = t.home.join("got");
    t.ok(["cp", "done:/out", dest.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(dest.join("f")).unwrap(),
        "written-inside\n"
    );
    // A missing path is an error naming it; nothing stays mounted (the harness checks).
    let r = t.run(["cp", "done:/nope", dest.to_str().unwrap()]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(r.stderr.contains("/nope"), "{}", r.describe());
}

/// `events`: what happened to containers and images, from the log every command appends to,
/// printed (`--stream=false`) or followed, filtered and formatted as podman does.
#[test]
fn events_are_recorded_filtered_and_followed() {
    use std::io::BufRead;
    let t = TestEnv::new("events");
    // A follower started first sees the container's events as they happen.
    let mut follower = t
        .cmd([
            "events",
            "--format",
            "{{.Status}} {{.Name}}",
            "--filter",
            "container=ev1",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let out = follower.stdout.take().unwrap();
    std::thread::spawn(move || {
        for l in std::io::BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(l);
        }
    });
    t.ok(["pull", "-q", &img("busybox")]);
    let r = t.run([
        "run",
        "--rm",
        "--name",
        "ev1",
        "--network",
        "none",
        "--label",
        "team=a",
        &img("busybox"),
        "sh",
        "-c",
        "exit 3",
    ]);
    assert_eq!(r.code, 3, "{}", r.describe());
    let mut followed = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while followed.last().map(String::as_str) != Some("remove ev1") {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(l) => followed.push(l),
            Err(_) => panic!("follower saw only {followed:?}"),
        }
    }
    let _ = follower.kill();
    let _ = follower.wait();
    assert_eq!(
        followed,
        ["create ev1", "start ev1", "died ev1", "remove ev1"]
    );

    // The log as JSON: the container's life in order, with its exit code and label.
    let r = t.ok([
        "events",
        "--stream=false",
        "--format",
        "json",
        "--filter",
        "type=container",
    ]);
    let events: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let statuses: Vec<&str> = events
        .iter()
        .map(|e| e["Status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["create", "start", "died", "remove"],
        "{}",
        r.stdout
    );
    assert_eq!(events[2]["ContainerExitCode"], 3, "{}", r.stdout);
    assert_eq!(events[0]["Attributes"]["team"], "a", "{}", r.stdout);
    assert!(events
        .iter()
        .all(|e| e["Name"] == "ev1" && e["ID"] == events[0]["ID"]));
    // Filters: one event; a label; the image's pull; nothing before --since.
    let r = t.ok([
        "events",
        "--stream=false",
        "--filter",
        "event=died",
        "--format",
        "{{.Name}} {{.ContainerExitCode}}",
    ]);
    assert_eq!(r.stdout, "ev1 3\n", "{}", r.describe());
    let r = t.ok(["events", "--stream=false", "--filter", "label=team=b"]);
    assert_eq!(r.stdout, "", "{}", r.describe());
    let r = t.ok([
        "events",
        "--stream=false",
        "--filter",
        "type=image",
        "--format",
        "{{.Status}} {{.Name}}",
    ]);
    assert_eq!(
        r.stdout,
        format!("pull {}\n", img("busybox")),
        "{}",
        r.describe()
    );
    let r = t.ok([
        "events",
        "--stream=false",
        "--since",
        "1h",
        "--filter",
        "event=start",
    ]);
    assert!(
        r.stdout.contains(" container start ") && r.stdout.contains("name=ev1"),
        "{}",
        r.describe()
    );
    let r = t.ok(["events", "--stream=false", "--until", "1h"]);
    assert_eq!(r.stdout, "", "{}", r.describe());
    let r = t.run(["events", "--stream=false", "--filter", "colour=red"]);
    assert_eq!(r.code, 125, "{}", r.describe());

    // kill (with its signal) and stop of a detached container, in the order they happened.
    t.ok([
        "run",
        "-d",
        "--name",
        "ev2",
        "--network",
        "none",
        &img("busybox"),
        "sleep",
        "600",
    ]);
    t.ok(["kill", "-s", "KILL", "ev2"]);
    wait_for("ev2 to exit", 20, || {
        status(&t, "ev2").starts_with("exited")
    });
    t.ok(["start", "ev2"]);
    t.ok(["stop", "-t", "0", "ev2"]);
    let r = t.ok([
        "events",
        "--stream=false",
        "--filter",
        "container=ev2",
        "--format",
        "{{.Status}}",
    ]);
    assert_eq!(
        r.stdout.lines().collect::<Vec<_>>(),
        ["create", "start", "kill", "died", "start", "died", "stop"],
        "{}",
        r.describe()
    );
    let r = t.ok(["events", "--stream=false", "--filter", "event=kill"]);
    assert!(r.stdout.contains("signal=9"), "{}", r.describe());
}

#[test]
fn exit_code_survives_output_that_outlives_the_container() {
    // A background process keeps the output pipe open after the main process exits (with the
    // host's pid namespace it outlives it): the supervisor goes on draining and must keep the
    // exit code it reaped (it recorded 125).
    let t = TestEnv::new("life-exitcode");
    t.ok([
        "run",
        "-d",
        "--pid",
        "host",
        "--name",
        "bg",
        &img("busybox"),
        "sh",
        "-c",
        "(sleep 0.1; echo late) & exit 3",
    ]);
    assert_eq!(t.ok(["wait", "bg"]).stdout, "3\n");
    wait_for("the late output", 10, || {
        t.ok(["logs", "bg"]).stdout.contains("late")
    });
    t.ok(["rm", "bg"]);
}

#[test]
fn init_prepares_and_start_runs_the_command() {
    let t = TestEnv::new("life-init");
    let image = img("busybox");
    t.ok([
        "create",
        "--name",
        "i1",
        &image,
        "sh",
        "-c",
        "echo started; exec sleep 100",
    ]);
    assert_eq!(t.ok(["init", "i1"]).stdout, "i1\n");
    assert_eq!(status(&t, "i1"), "initialized Initialized");
    let pid: i32 = t
        .ok(["inspect", "--format", "{{.State.Pid}}", "i1"])
        .stdout
        .trim()
        .parse()
        .unwrap();
    assert!(pid > 0 && std::path::Path::new(&format!("/proc/{pid}")).exists());
    // Prepared, not run: not in `ps`, nothing logged, its namespaces made.
    assert!(t.ok(["ps", "-q"]).stdout.is_empty());
    assert!(t.ok(["logs", "i1"]).stdout.is_empty());
    let ns = |p: &str| std::fs::read_link(format!("{p}/ns/mnt")).unwrap();
    assert_ne!(ns(&format!("/proc/{pid}")), ns("/proc/self"));
    // A second init is refused as podman refuses it.
    let r = t.run(["init", "i1"]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("has already been created in runtime"),
        "{}",
        r.describe()
    );
    // Not running yet: kill and exec refuse it, as podman does.
    let r = t.run(["kill", "i1"]);
    assert!(
        r.code == 125 && r.stderr.contains("in state initialized"),
        "{}",
        r.describe()
    );
    let r = t.run(["exec", "i1", "true"]);
    assert!(
        r.code != 0 && r.stderr.contains("initialized"),
        "{}",
        r.describe()
    );
    assert_eq!(t.ok(["start", "i1"]).stdout, "i1\n");
    assert!(status(&t, "i1").starts_with("running Up"));
    wait_for("output", 10, || t.ok(["logs", "i1"]).stdout == "started\n");
    // The process that was held is the one that runs the command.
    assert_eq!(
        t.ok(["inspect", "--format", "{{.State.Pid}}", "i1"])
            .stdout
            .trim(),
        pid.to_string()
    );
    t.ok(["stop", "-t", "0", "i1"]);
    // Exited containers can be initialized again; stop of an initialized one kills it at once.
    t.ok(["init", "i1"]);
    let t0 = Instant::now();
    t.ok(["stop", "i1"]);
    assert!(t0.elapsed() < Duration::from_secs(5), "{:?}", t0.elapsed());
    assert!(status(&t, "i1").starts_with("exited Exited (137)"));
    // rm of an initialized container needs no --force (its command never ran).
    t.ok(["init", "i1"]);
    let pid = t.ok(["inspect", "--format", "{{.State.Pid}}", "i1"]).stdout;
    t.ok(["rm", "i1"]);
    wait_for("held process gone", 10, || {
        !std::path::Path::new(&format!("/proc/{}", pid.trim())).exists()
    });
    // start -a of an initialized container: its output and exit code.
    t.ok([
        "create",
        "--name",
        "i2",
        &image,
        "sh",
        "-c",
        "echo out; exit 3",
    ]);
    t.ok(["container", "init", "i2"]);
    let r = t.run(["start", "-a", "i2"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (3, "out\n"),
        "{}",
        r.describe()
    );
    // --all initializes what can be, skipping the rest.
    t.ok(["create", "--name", "i3", &image, "true"]);
    t.ok(["init", "--all"]);
    assert_eq!(status(&t, "i3"), "initialized Initialized");
    t.ok(["rm", "-af"]);
    assert!(t.ok(["ps", "-aq"]).stdout.is_empty());
}
