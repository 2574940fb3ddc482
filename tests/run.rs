//! `skiff run` in the foreground, as the unprivileged user: processes, users, files, security and
//! exit codes, checked from inside the container.

use std::process::Stdio;

use crate::util::{is_root, registry, Run, TestEnv, NOSUB_USER};

fn img(name: &str) -> String {
    format!("{}/{name}:latest", registry())
}

fn run(t: &TestEnv, args: &[&str]) -> Run {
    let mut v = vec!["run", "--rm"];
    v.extend_from_slice(args);
    t.run(v)
}

#[test]
fn exit_codes_follow_docker() {
    let t = TestEnv::new("run-exit");
    assert_eq!(run(&t, &[&img("busybox"), "true"]).code, 0);
    assert_eq!(run(&t, &[&img("busybox"), "sh", "-c", "exit 3"]).code, 3);
    let r = run(&t, &[&img("busybox"), "no-such-command"]);
    assert_eq!(r.code, 127, "{}", r.describe());
    assert!(
        r.stderr
            .contains("executable file `no-such-command` not found in $PATH"),
        "{}",
        r.describe()
    );
    let r = run(&t, &[&img("busybox"), "/etc/passwd"]);
    assert_eq!(r.code, 126, "{}", r.describe());
    assert!(r.stderr.contains("permission denied"), "{}", r.describe());
    let r = run(&t, &[&img("busybox"), "/no/such/file"]);
    assert_eq!(r.code, 127, "{}", r.describe());
    let r = run(&t, &["--no-such-flag", &img("busybox"), "true"]);
    assert_eq!(r.code, 125);
    let r = run(&t, &["--pull=never", "localhost/not-here", "true"]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("--pull=never"), "{}", r.describe());
    // Killed by a signal: 128 + N (with --init, so that the shell is not a pid 1 immune to it).
    let r = run(&t, &["--init", &img("busybox"), "sh", "-c", "kill -9 $$"]);
    assert_eq!(r.code, 137, "{}", r.describe());
}

#[test]
fn process_sees_itself_as_pid_1_with_its_own_hostname_and_no_network() {
    let t = TestEnv::new("run-ns");
    let r = run(
        &t,
        &[
            "--network",
            "none",
            "--hostname",
            "boat",
            &img("busybox"),
            "sh",
            "-c",
            "echo $$; hostname; cat /etc/hostname; ps -o pid,comm | awk '$1==1{print $2}'; ls /sys/class/net",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(r.stdout, "1\nboat\nboat\nsh\nlo\n", "{}", r.describe());
    // No route anywhere: only the loopback device, and an empty routing table.
    let r = run(
        &t,
        &[
            "--network",
            "none",
            &img("busybox"),
            "sh",
            "-c",
            "grep -c . /proc/net/route; nc -w 1 10.0.2.2 80 </dev/null; echo rc=$?",
        ],
    );
    assert!(r.stdout.starts_with("1\n"), "{}", r.describe());
    assert!(r.stdout.contains("rc=1"), "{}", r.describe());
    assert!(
        r.stderr.to_lowercase().contains("unreachable"),
        "{}",
        r.describe()
    );
}

#[test]
fn entrypoint_cmd_env_user_and_workdir() {
    let t = TestEnv::new("run-semantics");
    let e = img("entry");
    let r = run(&t, &[&e]);
    assert_eq!(r.stdout, "entry: default-cmd\n", "{}", r.describe());
    let r = run(&t, &[&e, "mine"]);
    assert_eq!(r.stdout, "entry: mine\n");
    let r = run(
        &t,
        &[
            "--entrypoint",
            "",
            &e,
            "sh",
            "-c",
            "id -u; pwd; echo $FROM_IMAGE $EXTRA $HOME",
        ],
    );
    assert_eq!(
        r.stdout,
        "1000\n/home/app\nyes /home/app\n",
        "{}",
        r.describe()
    );
    let envfile = t.dir.join("env.list");
    std::fs::write(&envfile, "# comment\nFROM_FILE=1\nEXTRA=file\n").unwrap();
    let r = run(
        &t,
        &[
            "--entrypoint",
            "sh",
            "-e",
            "EXTRA=cli",
            "--env-file",
            envfile.to_str().unwrap(),
            "-u",
            "0:10",
            "-w",
            "/tmp/new",
            &e,
            "-c",
            "id; pwd; echo $FROM_FILE $EXTRA",
        ],
    );
    assert_eq!(
        r.stdout,
        "uid=0(root) gid=10(wheel)\n/tmp/new\n1 cli\n",
        "{}",
        r.describe()
    );
    let r = run(
        &t,
        &["-u", "app", "--group-add", "nogroup", &img("busybox"), "id"],
    );
    assert_eq!(
        r.stdout,
        "uid=1000(app) gid=1000(app) groups=10(wheel),65534(nogroup)\n",
        "{}",
        r.describe()
    );
    // The directory is entered before the user change, as runc and crun do: a user that may not
    // enter it still starts there (docker and podman print /root here).
    let r = run(
        &t,
        &[
            "-u",
            "app",
            "-w",
            "/root",
            &img("busybox"),
            "sh",
            "-c",
            "pwd; ls",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.describe());
    assert_eq!(r.stdout, "/root\n", "{}", r.describe());
    assert!(r.stderr.contains("Permission denied"), "{}", r.describe());
    let r = run(&t, &["-u", "nobody-here", &img("busybox"), "id"]);
    assert_eq!(r.code, 125);
    assert!(
        r.stderr.contains("unable to find user nobody-here"),
        "{}",
        r.describe()
    );
}

#[test]
fn file_owners_inside_match_the_image() {
    let t = TestEnv::new("run-owners");
    let r = run(
        &t,
        &[
            &img("layers"),
            "sh",
            "-c",
            "stat -c '%u:%g %a %n' /owned /nobody-file /suid /home/app",
        ],
    );
    assert_eq!(
        r.stdout,
        "1000:1000 640 /owned\n65534:65534 644 /nobody-file\n0:0 4755 /suid\n1000:1000 755 /home/app\n",
        "{}",
        r.describe()
    );
}

#[test]
fn security_defaults_are_in_effect() {
    let t = TestEnv::new("run-security");
    let status = |args: &[&str]| {
        let mut v = args.to_vec();
        let image = img("busybox");
        v.extend_from_slice(&[
            &image,
            "grep",
            "-E",
            "^(CapEff|CapBnd|NoNewPrivs|Seccomp):",
            "/proc/self/status",
        ]);
        let r = run(&t, &v);
        assert_eq!(r.code, 0, "{}", r.describe());
        r.stdout
    };
    // Docker's 14 default capabilities: 0xa80425fb.
    let s = status(&[]);
    assert!(s.contains("CapEff:\t00000000a80425fb"), "{s}");
    assert!(s.contains("CapBnd:\t00000000a80425fb"), "{s}");
    assert!(s.contains("NoNewPrivs:\t0"), "{s}");
    assert!(s.contains("Seccomp:\t2"), "{s}");
    let s = status(&[
        "--security-opt",
        "no-new-privileges",
        "--cap-drop",
        "all",
        "--cap-add",
        "chown",
    ]);
    assert!(
        s.contains("NoNewPrivs:\t1") && s.contains("CapEff:\t0000000000000001"),
        "{s}"
    );
    let s = status(&["--security-opt", "seccomp=unconfined"]);
    assert!(s.contains("Seccomp:\t0"), "{s}");
    let s = status(&["-u", "app"]);
    assert!(
        s.contains("CapEff:\t0000000000000000") && s.contains("CapBnd:\t00000000a80425fb"),
        "{s}"
    );
    // Seccomp blocks what the default profile forbids (unshare needs CAP_SYS_ADMIN anyway: use
    // a call only seccomp stops, and one it allows).
    let r = run(
        &t,
        &[&img("busybox"), "sh", "-c", "unshare -U true; echo rc=$?"],
    );
    assert!(r.stdout.contains("rc=1"), "{}", r.describe());
    let r = run(
        &t,
        &[
            "--privileged",
            &img("busybox"),
            "sh",
            "-c",
            "unshare -U true; echo rc=$?",
        ],
    );
    assert!(r.stdout.contains("rc=0"), "{}", r.describe());
    // Masked and read-only paths.
    let r = run(
        &t,
        &[
            &img("busybox"),
            "sh",
            "-c",
            "wc -c < /proc/keys; echo 1 > /proc/sys/kernel/ns_last_pid; ls /sys/firmware | wc -l",
        ],
    );
    assert!(r.stdout.starts_with("0\n"), "{}", r.describe());
    assert!(
        r.stderr.contains("Read-only file system"),
        "{}",
        r.describe()
    );
    // A custom docker-format profile: deny mkdir.
    let profile = t.dir.join("seccomp.json");
    std::fs::write(
        &profile,
        r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO"}]}"#,
    )
    .unwrap();
    let r = run(
        &t,
        &[
            "--security-opt",
            &format!("seccomp={}", profile.display()),
            &img("busybox"),
            "sh",
            "-c",
            "mkdir /x; echo rc=$?",
        ],
    );
    assert!(r.stdout.contains("rc=1"), "{}", r.describe());
}

/// What a killed background remover leaves in the trash (a container's files, some of another
/// id) is emptied by `container prune`; the container is not listed meanwhile.
#[test]
fn prune_empties_what_a_killed_remover_left_in_the_trash() {
    let t = TestEnv::new("run-trash");
    let script = "mkdir -p /a/b && touch /a/b/c && chown 1000 /a/b/c";
    t.ok(["run", "--name", "left", &img("busybox"), "sh", "-c", script]);
    let id = t
        .ok(["inspect", "--format", "{{.Id}}", "left"])
        .stdout
        .trim()
        .to_string();
    let trash = t.root.join("containers/.trash");
    std::fs::create_dir_all(&trash).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&trash, u.uid, u.gid);
    }
    std::fs::rename(t.root.join("containers").join(&id), trash.join(&id)).unwrap();
    let _ = std::fs::remove_dir_all(t.runroot.join("containers").join(&id));
    assert!(t.ok(["ps", "-aq"]).stdout.is_empty());
    t.ok(["container", "prune", "-f"]);
    let left: Vec<_> = std::fs::read_dir(&trash).unwrap().collect();
    assert!(left.is_empty(), "the trash still holds {left:?}");
}

#[test]
fn writes_stay_in_the_container_and_rm_leaves_nothing() {
    let t = TestEnv::new("run-writes");
    let r = t.run([
        "run",
        "--name",
        "keep",
        &img("busybox"),
        "sh",
        "-c",
        "echo data > /etc/written; rm /bin/ls",
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    // The image layers are untouched: a new container has no /etc/written and still has ls.
    let r = run(
        &t,
        &[&img("busybox"), "sh", "-c", "ls /etc/written; ls /bin/ls"],
    );
    assert!(r.stderr.contains("No such file"), "{}", r.describe());
    assert!(r.stdout.contains("/bin/ls"), "{}", r.describe());
    let layers = std::fs::read_dir(t.root.join("layers"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(!layers.join("diff/etc/written").exists());
    // Without --rm the container stays, exited, with its exit code.
    let kept: Vec<_> = std::fs::read_dir(t.root.join("containers"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().len() == 64)
        .collect();
    assert_eq!(kept.len(), 1);
    let rec: serde_json::Value =
        serde_json::from_slice(&std::fs::read(kept[0].path().join("container.json")).unwrap())
            .unwrap();
    assert_eq!(rec["state"]["status"], "exited");
    assert_eq!(rec["state"]["exit_code"], 0);
    assert!(kept[0].path().join("upper/etc/written").exists());
    // A name is unique.
    let r = t.run(["run", "--name", "keep", &img("busybox"), "true"]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("already in use"), "{}", r.describe());
    // --rm: no dirs left in the store for those containers.
    for _ in 0..3 {
        assert_eq!(
            run(
                &t,
                &[
                    &img("busybox"),
                    "sh",
                    "-c",
                    "mkdir -p /a/b && touch /a/b/c && chown 1000 /a/b/c"
                ]
            )
            .code,
            0
        );
    }
    let left: Vec<_> = std::fs::read_dir(t.root.join("containers"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().len() == 64)
        .collect();
    assert_eq!(left.len(), 1, "only the kept container remains");
    // Their files (some of another id) went to the trash, which a background process empties.
    let trash = t.root.join("containers/.trash");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::fs::read_dir(&trash).is_ok_and(|mut d| d.next().is_some()) {
        assert!(
            std::time::Instant::now() < deadline,
            "the trash was not emptied: {:?}",
            std::fs::read_dir(&trash).unwrap().collect::<Vec<_>>()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let run_left: Vec<_> = std::fs::read_dir(t.runroot.join("containers"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().len() == 64)
        .collect();
    assert_eq!(run_left.len(), 1);
}

/// `--rm`: the root overlay (and any `:O` overlay) is `volatile`, as podman mounts it: the
/// upper layer goes with the container, so its filesystem is not synced when the overlay is
/// unmounted at the container's exit. A kept container's root is not volatile, and starts
/// again with what it wrote.
#[test]
fn rm_containers_have_a_volatile_root_kept_ones_do_not() {
    let t = TestEnv::new("run-vol");
    let volatile = |l: &str| l.contains(",volatile") || l.contains("fsync=volatile");
    // The kernel shows `volatile` as `fsync=volatile` since 6.5.
    let overlay_opts = "awk '$5 == \"/\" || $5 == \"/o\"' /proc/self/mountinfo";
    let src = t.dir.join("o-src");
    std::fs::create_dir_all(&src).unwrap();
    let vol = format!("{}:/o:O", src.display());
    let r = run(&t, &["-v", &vol, &img("busybox"), "sh", "-c", overlay_opts]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.describe());
    assert!(
        lines.iter().all(|l| l.contains("volatile")),
        "{}",
        r.describe()
    );
    let r = t.run([
        "run",
        "--name",
        "kept",
        &img("busybox"),
        "sh",
        "-c",
        "awk '$5 == \"/\"' /proc/self/mountinfo; echo 1 >> /count",
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stdout.contains("overlay"), "{}", r.describe());
    assert!(!volatile(&r.stdout), "{}", r.describe());
    let r = t.run(["start", "-a", "kept"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let out = t.dir.join("count");
    t.ok(["cp", "kept:/count", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "1\n1\n");
    // A created --rm container started twice is not possible (it is gone after its first
    // run); one started once runs with the volatile root and leaves nothing.
    t.ok([
        "create",
        "--rm",
        "--name",
        "once",
        &img("busybox"),
        "sh",
        "-c",
        overlay_opts,
    ]);
    let r = t.run(["start", "-a", "once"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(volatile(&r.stdout), "{}", r.describe());
    let r = t.run(["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(r.stdout.trim(), "kept", "{}", r.describe());
}

#[test]
fn read_only_root_and_tmpfs() {
    let t = TestEnv::new("run-ro");
    let r = run(
        &t,
        &[
            "--read-only",
            &img("busybox"),
            "sh",
            "-c",
            "touch /x; echo rc=$?; touch /tmp/ok /run/ok /var/tmp/ok && echo tmp-ok",
        ],
    );
    assert_eq!(r.stdout, "rc=1\ntmp-ok\n", "{}", r.describe());
    assert!(r.stderr.contains("Read-only file system"));
    let r = run(
        &t,
        &[
            "--read-only",
            "--read-only-tmpfs=false",
            &img("busybox"),
            "sh",
            "-c",
            "touch /tmp/x; echo rc=$?",
        ],
    );
    assert_eq!(r.stdout, "rc=1\n", "{}", r.describe());
    let r = run(
        &t,
        &[
            "--tmpfs",
            "/data:size=1m,mode=700",
            &img("busybox"),
            "sh",
            "-c",
            "stat -c %a /data; df /data | tail -1",
        ],
    );
    assert!(r.stdout.starts_with("700\n"), "{}", r.describe());
    assert!(r.stdout.contains("1024"), "{}", r.describe());
}

#[test]
fn malicious_symlinks_cannot_make_setup_write_to_the_host() {
    for p in ["/tmp/skiff-evil-etc", "/tmp/skiff-evil-proc"] {
        let _ = std::fs::remove_dir_all(p);
    }
    let t = TestEnv::new("run-evil");
    let r = run(
        &t,
        &[
            &img("evil-etc"),
            "sh",
            "-c",
            "cat /etc/hostname; ls /proc/self/status; readlink /etc",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(
        r.stdout
            .ends_with("/proc/self/status\n/tmp/skiff-evil-etc\n"),
        "{}",
        r.describe()
    );
    assert!(
        !std::path::Path::new("/tmp/skiff-evil-etc").exists(),
        "setup wrote to the host's /tmp"
    );
    assert!(
        !std::path::Path::new("/tmp/skiff-evil-proc").exists(),
        "setup wrote to the host's /tmp"
    );
}

#[test]
fn interactive_tty_through_a_pty() {
    let t = TestEnv::new("run-tty");
    let inner = format!(
        "'{}' --root '{}' --runroot '{}' run --rm -it '{}' sh",
        crate::util::skiff_bin().display(),
        t.root.display(),
        t.runroot.display(),
        img("busybox")
    );
    t.ok(["pull", "-q", &img("busybox")]);
    let mut c = t.bare_cmd("script");
    c.args(["-qec", &inner, "/dev/null"])
        .env("TERM", "xterm")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(700));
        stdin
            .write_all(b"tty; stty size; echo marker-$((40+2)); exit 5\n")
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(700));
    }
    let r = crate::util::wait_with_timeout(child, 30);
    assert_eq!(r.code, 5, "{}", r.describe());
    assert!(r.stdout.contains("/dev/pts/0"), "{}", r.describe());
    assert!(r.stdout.contains("marker-42"), "{}", r.describe());
}

#[test]
fn signals_are_relayed_and_init_reaps() {
    let t = TestEnv::new("run-signals");
    t.ok(["pull", "-q", &img("busybox")]);
    let start = |args: &[&str]| {
        let mut v = vec!["run", "--rm"];
        v.extend_from_slice(args);
        t.cmd(v)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let image = img("busybox");
    let child = start(&[
        &image,
        "sh",
        "-c",
        "trap 'exit 7' TERM; echo ready; while :; do sleep 0.1; done",
    ]);
    std::thread::sleep(std::time::Duration::from_millis(800));
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    let r = crate::util::wait_with_timeout(child, 20);
    assert_eq!(r.code, 7, "{}", r.describe());
    // With --init, pid 1 is the init: a plain sleep gets the signal and the zombie is reaped.
    let child = start(&["--init", &image, "sh", "-c", "sleep 1000 & sleep 100; wait"]);
    std::thread::sleep(std::time::Duration::from_millis(800));
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    let r = crate::util::wait_with_timeout(child, 20);
    assert_eq!(r.code, 143, "{}", r.describe());
    let r = run(
        &t,
        &[
            "--init",
            &image,
            "sh",
            "-c",
            "echo $$; ps -o pid,comm | sed -n 2p",
        ],
    );
    assert_eq!(r.stdout.lines().next(), Some("2"), "{}", r.describe());
}

#[test]
fn create_then_start_attach() {
    let t = TestEnv::new("run-create");
    let id = t
        .ok([
            "create",
            "--name",
            "later",
            &img("busybox"),
            "sh",
            "-c",
            "echo started; exit 4",
        ])
        .stdout
        .trim()
        .to_string();
    assert_eq!(id.len(), 64);
    let r = t.run(["start", "--attach", "later"]);
    assert_eq!(r.code, 4, "{}", r.describe());
    assert_eq!(r.stdout, "started\n");
    // Started again: the same container, its writes kept.
    let r = t.run(["start", "-a", &id[..12]]);
    assert_eq!(r.code, 4);
    let r = t.run(["start", "nope"]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("no such container"), "{}", r.describe());
}

#[test]
fn runs_without_a_subuid_range() {
    if !is_root() {
        return;
    }
    let t = TestEnv::as_user("run-nosub", NOSUB_USER);
    let r = t.run([
        "run",
        "--rm",
        &img("busybox"),
        "sh",
        "-c",
        "id -u; cat /proc/self/uid_map",
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stdout.starts_with("0\n"), "{}", r.describe());
}

#[test]
fn runs_as_root_too() {
    if !is_root() {
        return;
    }
    let t = TestEnv::as_self("run-root");
    let r = t.run([
        "run",
        "--rm",
        &img("layers"),
        "sh",
        "-c",
        "id -u; stat -c %u /owned; echo $$",
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(r.stdout, "0\n1000\n1\n");
}

#[test]
fn images_used_by_containers_are_kept() {
    let t = TestEnv::new("rmi-in-use");
    t.ok(["run", "--name", "user", &img("busybox"), "true"]);
    let r = t.run(["rmi", &img("busybox")]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("in use by container user"),
        "{}",
        r.describe()
    );
    t.ok(["image", "prune", "-a", "-f"]);
    assert_eq!(
        t.ok(["images", "-q"]).stdout.lines().count(),
        1,
        "prune keeps images in use"
    );
    let r = t.ok(["rmi", "--force", &img("busybox")]);
    assert!(r.stdout.contains("Deleted:"), "{}", r.describe());
    assert_eq!(
        std::fs::read_dir(t.root.join("containers"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().len() == 64)
            .count(),
        0
    );
}

/// Open files: up to the hard limit by default (podman's default, at most 1048576), not a login
/// session's 1024; `--ulimit` still wins.
#[test]
fn open_file_limit_defaults_to_the_hard_limit() {
    let t = TestEnv::new("run-nofile");
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap();
    let hard: u64 = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(4))
        .and_then(|v| v.parse().ok())
        .expect("Max open files in /proc/self/limits");
    let want = hard.min(1 << 20);
    let r = run(
        &t,
        &[
            "--network",
            "none",
            &img("busybox"),
            "sh",
            "-c",
            "ulimit -n; ulimit -Hn",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(r.stdout, format!("{want}\n{want}\n"), "{}", r.describe());
    let r = run(
        &t,
        &[
            "--network",
            "none",
            "--ulimit",
            "nofile=100:200",
            &img("busybox"),
            "sh",
            "-c",
            "ulimit -n; ulimit -Hn",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(r.stdout, "100\n200\n", "{}", r.describe());
}
