//! Podman scripts run unchanged: the defects found when skiff was tried as a podman user would,
//! each with its regression test.

use std::process::Stdio;

use crate::util::{registry, Run, TestEnv};

fn img(name: &str) -> String {
    format!("{}/{name}:latest", registry())
}

/// `skiff ARGS` from a shell that first opened fd 7 on `file` (`exec 7>FILE`).
fn with_fd7(t: &TestEnv, file: &std::path::Path, args: &[&str]) -> Run {
    let mut script = format!(
        "exec 7>>'{}'; exec '{}' --root '{}' --runroot '{}'",
        file.display(),
        crate::util::skiff_bin().display(),
        t.root.display(),
        t.runroot.display()
    );
    for a in args {
        script.push_str(&format!(" '{}'", a.replace('\'', "'\\''")));
    }
    let mut c = t.bare_cmd("sh");
    c.arg("-c").arg(script);
    Run::from(c.output().unwrap())
}

#[test]
fn the_callers_descriptors_do_not_reach_the_container() {
    let t = TestEnv::new("compat-fds");
    t.ok(["pull", "-q", &img("busybox")]);
    let file = t.dir.join("host-file");
    std::fs::write(&file, "").unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&file, u.uid, u.gid);
    }
    let list = "ls /proc/self/fd | tr '\\n' ' '; echo pwned >&7";
    // Foreground run: only 0-2 (and ls's own directory fd 3).
    let r = with_fd7(
        &t,
        &file,
        &["run", "--rm", &img("busybox"), "sh", "-c", list],
    );
    assert_eq!(r.stdout.trim(), "0 1 2 3", "{}", r.describe());
    // Detached: the supervisor's children too.
    let r = with_fd7(
        &t,
        &file,
        &[
            "run",
            "-d",
            "--name",
            "bg",
            &img("busybox"),
            "sh",
            "-c",
            &format!("{list}; echo; sleep 60"),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.describe());
    let mut logs = String::new();
    for _ in 0..50 {
        logs = t.ok(["logs", "bg"]).stdout;
        if !logs.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(logs.trim(), "0 1 2 3", "{logs}");
    // exec into it.
    let r = with_fd7(&t, &file, &["exec", "bg", "sh", "-c", list]);
    assert_eq!(r.stdout.trim(), "0 1 2 3", "{}", r.describe());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "",
        "the container wrote to fd 7"
    );
    // --preserve-fds passes them on, on purpose.
    let r = with_fd7(
        &t,
        &file,
        &[
            "run",
            "--rm",
            "--preserve-fds",
            "5",
            &img("busybox"),
            "sh",
            "-c",
            "echo passed >&7",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.describe());
    let r = with_fd7(
        &t,
        &file,
        &[
            "exec",
            "--preserve-fds",
            "5",
            "bg",
            "sh",
            "-c",
            "echo exec >&7",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "passed\nexec\n");
    t.ok(["rm", "-f", "bg"]);
}

#[test]
fn exec_detach_does_not_hold_the_callers_output() {
    let t = TestEnv::new("compat-execd");
    t.ok(["run", "-d", "--name", "c", &img("busybox"), "sleep", "60"]);
    // As `$(skiff exec -d c sleep 30)` runs it: stdout a pipe read to its end.
    let mut child = t
        .cmd(["exec", "-d", "c", "sleep", "30"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut out, &mut s);
        let _ = tx.send(s);
    });
    let got = rx.recv_timeout(std::time::Duration::from_secs(10));
    let status = child.wait().unwrap();
    assert!(
        got.is_ok(),
        "stdout stayed open: $(skiff exec -d ...) would hang"
    );
    assert!(status.success());
    // It runs, in the container.
    let top = t.ok(["top", "c"]);
    assert!(top.stdout.contains("sleep 30"), "{}", top.describe());
    t.ok(["rm", "-f", "c"]);
}

#[test]
fn containers_start_with_default_signal_actions() {
    let t = TestEnv::new("compat-sigs");
    let show = "grep -E '^Sig(Ign|Blk)' /proc/self/status | tr '\\n' ' '";
    let want = "SigBlk:\t0000000000000000 SigIgn:\t0000000000000000";
    let r = t.ok(["run", "--rm", &img("busybox"), "sh", "-c", show]);
    assert_eq!(r.stdout.trim(), want, "{}", r.describe());
    // The supervisor ignores SIGPIPE and SIGHUP for itself; its container must not.
    t.ok([
        "run",
        "-d",
        "--name",
        "d",
        &img("busybox"),
        "sh",
        "-c",
        show,
    ]);
    t.ok(["wait", "d"]);
    let logs = t.ok(["logs", "d"]);
    assert_eq!(logs.stdout.trim(), want, "{}", logs.describe());
    let r = t.ok(["exec", "--help"]);
    assert!(r.stdout.contains("--preserve-fds"));
}

#[test]
fn wait_on_a_created_container_and_logs_of_foreground_runs() {
    let t = TestEnv::new("compat-wait");
    t.ok([
        "create",
        "--name",
        "c",
        &img("busybox"),
        "sh",
        "-c",
        "echo out; echo err >&2",
    ]);
    // Never started: podman prints 0 at once.
    let child = t
        .cmd(["wait", "c"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let r = crate::util::wait_with_timeout(child, 10);
    assert_eq!((r.code, r.stdout.trim()), (0, "0"), "{}", r.describe());
    // start --attach: the output reaches us and the log.
    let r = t.ok(["start", "--attach", "c"]);
    assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("out\n", "err\n"));
    let logs = t.ok(["logs", "c"]);
    assert_eq!(
        (logs.stdout.as_str(), logs.stderr.as_str()),
        ("out\n", "err\n")
    );
    // A foreground run too, with a terminal as well.
    t.ok(["run", "--name", "f", &img("busybox"), "echo", "foreground"]);
    assert_eq!(t.ok(["logs", "f"]).stdout, "foreground\n");
    t.ok([
        "run",
        "-t",
        "--name",
        "tty",
        &img("busybox"),
        "echo",
        "with a tty",
    ]);
    assert_eq!(t.ok(["logs", "tty"]).stdout.trim_end(), "with a tty");
}

#[test]
fn rm_stop_kill_select_and_exit_as_podman_does() {
    let t = TestEnv::new("compat-rm");
    // Unknown: exit 1 and podman's message; --ignore makes it fine.
    let r = t.run(["rm", "nosuch"]);
    assert_eq!(r.code, 1, "{}", r.describe());
    assert!(
        r.stderr
            .contains("no container with name or ID \"nosuch\" found: no such container"),
        "{}",
        r.describe()
    );
    t.ok(["rm", "--ignore", "nosuch"]);
    t.ok(["stop", "--ignore", "nosuch"]);
    let r = t.run(["stop", "nosuch"]);
    assert_eq!(r.code, 125, "{}", r.describe());
    // Running, no --force: exit 2.
    let cidfile = t.dir.join("cid");
    let cid = cidfile.to_str().unwrap();
    t.ok([
        "run",
        "-d",
        "--name",
        "one",
        "--cidfile",
        cid,
        &img("busybox"),
        "sleep",
        "60",
    ]);
    let id = std::fs::read_to_string(&cidfile).unwrap();
    let r = t.run(["rm", "one"]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(
        r.stderr.contains("cannot remove container"),
        "{}",
        r.describe()
    );
    // kill and stop by --cidfile and --latest print the id.
    let r = t.run(["kill", "-s", "0", "one"]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("invalid signal: 0"), "{}", r.describe());
    assert_eq!(
        t.ok(["kill", "-s", "USR1", "--cidfile", cid]).stdout.trim(),
        id
    );
    t.ok(["run", "-d", "--name", "two", &img("busybox"), "sleep", "60"]);
    let two = t
        .ok(["inspect", "--format", "{{.Id}}", "two"])
        .stdout
        .trim()
        .to_string();
    assert_eq!(t.ok(["stop", "-t", "0", "-l"]).stdout.trim(), two);
    // --all prints ids, of running containers only.
    assert_eq!(t.ok(["stop", "-t", "0", "--all"]).stdout.trim(), id);
    // The podman CI idiom.
    let r = t.ok(["rm", "-t", "0", "--all", "--force", "--ignore"]);
    let mut got: Vec<&str> = r.stdout.lines().collect();
    got.sort();
    let mut want = vec![id.as_str(), two.as_str()];
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn containers_that_vanish_meanwhile_are_not_errors() {
    let t = TestEnv::new("compat-vanish");
    // sh as PID 1 ignores SIGTERM: stop waits, and meanwhile the --rm container exits and is
    // removed by its supervisor.
    t.ok([
        "run",
        "-d",
        "--rm",
        "--name",
        "gone",
        &img("busybox"),
        "sh",
        "-c",
        "sleep 1",
    ]);
    let r = t.run(["stop", "-t", "8", "gone"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    t.ok([
        "run",
        "-d",
        "--rm",
        "--name",
        "gone2",
        &img("busybox"),
        "sh",
        "-c",
        "sleep 1",
    ]);
    std::thread::sleep(std::time::Duration::from_millis(900));
    let r = t.run(["rm", "-f", "-t", "8", "gone2"]);
    assert!(
        r.code == 0 || r.stderr.contains("no container with name"),
        "{}",
        r.describe()
    );
}

#[test]
fn dependents_duplicates_directories_and_ps_filters() {
    let t = TestEnv::new("compat-misc");
    t.ok([
        "run",
        "-d",
        "--name",
        "base",
        &img("busybox"),
        "sleep",
        "60",
    ]);
    t.ok([
        "run",
        "-d",
        "--name",
        "dep",
        "--network",
        "container:base",
        &img("busybox"),
        "sleep",
        "60",
    ]);
    let r = t.run(["rm", "-f", "base"]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("dependent containers"),
        "{}",
        r.describe()
    );
    let r = t.ok(["rm", "-f", "--depend", "base"]);
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.describe());
    assert!(t.ok(["ps", "-aq"]).stdout.trim().is_empty());
    // The same mount twice is one mount; two different ones at one path are refused.
    let dir = t.dir.to_str().unwrap().to_string();
    let m = format!("{dir}:/x");
    t.ok(["run", "--rm", "-v", &m, "-v", &m, &img("busybox"), "true"]);
    // A directory as the command: 126, as podman.
    let r = t.run(["run", "--rm", &img("busybox"), "/bin"]);
    assert_eq!(r.code, 126, "{}", r.describe());
    // ps --filter name= shows running containers only; status= looks at all.
    t.ok(["run", "--name", "exited", &img("busybox"), "true"]);
    assert_eq!(t.ok(["ps", "--filter", "name=exited", "-q"]).stdout, "");
    let r = t.ok(["ps", "--filter", "status=exited", "--format", "{{.Names}}"]);
    assert_eq!(r.stdout.trim(), "exited");
    t.ok(["rm", "-l"]);
}

#[test]
fn inspect_fields_containerenv_and_templates_as_podman() {
    let t = TestEnv::new("compat-inspect");
    let image = img("busybox");
    t.ok(["pull", "-q", &image]);
    let fx = crate::util::fixtures();
    let image_id = fx["busybox"]["image_id"].as_str().unwrap();
    let hex = image_id.strip_prefix("sha256:").unwrap();
    // A short id resolves to the full name with its tag.
    t.ok(["create", "--name", "c", &hex[..12]]);
    let r = t.ok([
        "inspect",
        "--format",
        "{{.Image}}|{{.ImageName}}|{{.ImageDigest}}",
        "c",
    ]);
    let digest = fx["busybox"]["manifest_digest"].as_str().unwrap();
    assert_eq!(r.stdout.trim(), format!("{hex}|{image}|{digest}"));
    let r = t.ok(["image", "inspect", "--format", "{{.ID}} {{.Id}}", &image]);
    assert_eq!(r.stdout.trim(), format!("{hex} {hex}"));
    // Inside: /run/.containerenv, / mode 555 owned by root, TERM with -t.
    let r = t.ok([
        "run",
        "--rm",
        "--name",
        "envx",
        &image,
        "sh",
        "-c",
        "stat -c '%a %u' /; cat /run/.containerenv",
    ]);
    let want = format!(
        "555 0\nengine=\"skiff-{}\"\nname=\"envx\"\n",
        env!("CARGO_PKG_VERSION")
    );
    assert!(r.stdout.starts_with(&want), "{}", r.describe());
    assert!(
        r.stdout
            .contains(&format!("image=\"{image}\"\nimageid=\"{hex}\"\n")),
        "{}",
        r.describe()
    );
    let rootless = if t.user.is_some() || !crate::util::is_root() {
        1
    } else {
        0
    };
    assert!(
        r.stdout.contains(&format!("rootless={rootless}")),
        "{}",
        r.describe()
    );
    let r = t.ok(["run", "--rm", "-t", &image, "sh", "-c", "echo $TERM"]);
    assert_eq!(r.stdout.trim(), "xterm");
    // info and version take podman's templates.
    let arch = t.ok(["info", "--format", "{{.Host.Arch}}"]).stdout;
    assert_eq!(
        arch.trim(),
        std::env::consts::ARCH
            .replace("x86_64", "amd64")
            .replace("aarch64", "arm64")
    );
    let v = t.ok(["version", "--format", "{{.Client.Version}}"]).stdout;
    assert_eq!(v.trim(), env!("CARGO_PKG_VERSION"));
}
