//! Isolation inside a container, against what docker's defaults promise: host processes and
//! files out of reach (also through /proc/1/root and inherited descriptors), /proc's dangerous
//! files masked, capabilities bounded, seccomp refusing the default profile's calls, the image's
//! layers and other containers untouched, the supervisor out of the container's reach.

use std::path::Path;

use crate::util::{registry, Run, TestEnv};

fn probe(t: &TestEnv) -> std::path::PathBuf {
    let out = t.home.join("probe");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/probe.c");
    let st = std::process::Command::new("gcc")
        .args(["-static", "-Os", "-o"])
        .arg(&out)
        .arg(&src)
        .status()
        .unwrap();
    assert!(st.success(), "building the probe");
    if let Some(u) = &t.user {
        crate::util::chown_r(&out, u.uid, u.gid);
    }
    out
}

#[test]
fn a_container_cannot_reach_the_host_or_its_neighbours() {
    let t = TestEnv::new("isolation");
    let bb = format!("{}/busybox:latest", registry());
    t.ok(["pull", "-q", &bb]);
    let probe = probe(&t);
    let marker = t.home.join("host-secret");
    std::fs::write(&marker, "host only\n").unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&marker, u.uid, u.gid);
    }
    let mut tried = 0;
    let mut lost: Vec<String> = Vec::new();
    let mut check = |what: &str, ok: bool, r: &Run| {
        tried += 1;
        if !ok {
            lost.push(format!("{what}:\n{}", r.describe()));
        }
    };
    let run = |script: &str| -> Run {
        // An extra descriptor open in skiff's caller (fd 7): it must not reach the container.
        let mut c = t.bare_cmd("bash");
        c.arg("-c").arg(format!(
            "exec 7<{}; exec {} --root {} --runroot {} run --rm -v {}:/probe:ro {bb} sh -c {}",
            marker.display(),
            crate::util::skiff_bin().display(),
            t.root.display(),
            t.runroot.display(),
            probe.display(),
            shell_quote(script)
        ));
        Run::from(c.output().unwrap())
    };

    // Host processes: only the container's own are visible (the test's pid is not).
    let me = std::process::id();
    let r = run("ls /proc | grep -c '^[0-9]'; cat /proc/1/cmdline | tr '\\0' ' '");
    let n: usize = r
        .stdout
        .lines()
        .next()
        .unwrap_or("99")
        .trim()
        .parse()
        .unwrap_or(99);
    check(
        "host processes hidden",
        r.code == 0 && n <= 3 && !r.stdout.contains(&me.to_string()),
        &r,
    );
    // Host files: not through /proc/1/root, /proc/self/root or an inherited descriptor.
    let secret = marker.display().to_string();
    let r = run(&format!(
        "cat /proc/1/root{secret} /proc/self/root{secret} {secret} 2>/dev/null; \
         ls /proc/self/fd | tr '\\n' ' '; readlink /proc/self/fd/7; echo end"
    ));
    check(
        "host files and fds out of reach",
        r.code == 0
            && !r.stdout.contains("host only")
            && !r.stdout.contains(" 7 ")
            && r.stdout.contains("end"),
        &r,
    );
    // /proc's dangerous files masked, sysfs firmware too.
    let r = run(
        "for f in /proc/kcore /proc/keys /proc/timer_list /proc/sched_debug; do \
         [ -s $f ] && echo readable:$f; done; ls /sys/firmware 2>/dev/null | head -1; echo end",
    );
    check(
        "masked paths",
        r.code == 0 && !r.stdout.contains("readable:") && r.stdout.trim() == "end",
        &r,
    );
    // Capabilities: docker's default set, bounded.
    let r = run("grep -E '^Cap(Eff|Bnd):' /proc/self/status");
    check(
        "capabilities bounded to docker's default set",
        r.stdout.contains("CapBnd:\t00000000a80425fb")
            && r.stdout.contains("CapEff:\t00000000a80425fb"),
        &r,
    );
    // seccomp: the default profile's forbidden calls fail.
    let r = run("/probe");
    for call in [
        "keyctl",
        "add_key",
        "mount",
        "unshare_user",
        "ptrace_init",
        "reboot",
        "swapoff",
    ] {
        let line = r
            .stdout
            .lines()
            .find(|l| l.starts_with(&format!("{call}=")))
            .unwrap_or("");
        check(
            &format!("seccomp/caps refuse {call}"),
            !line.is_empty() && !line.ends_with("=ok"),
            &r,
        );
    }
    // Copy-on-write: a container's writes to image files stay in its own upper dir.
    let r = run("echo tampered >> /etc/passwd; echo x > /bin/new-file; echo done");
    check(
        "writes accepted in the container",
        r.stdout.contains("done"),
        &r,
    );
    let r = run("grep -c tampered /etc/passwd; ls /bin/new-file 2>&1");
    check(
        "image layers and other containers unchanged",
        r.stdout.starts_with("0\n") && r.stdout.contains("No such file"),
        &r,
    );
    // The supervisor and the port forwarder are out of reach: `kill -9 -1` kills only the
    // container's processes, and the exit is still recorded.
    let port = crate::util::free_port();
    t.ok([
        "run",
        "-d",
        "--name",
        "victim",
        "-p",
        &format!("{port}:8080"),
        &bb,
        "sh",
        "-c",
        "trap '' TERM; sleep 600 & wait",
    ]);
    let r = t.run([
        "exec",
        "victim",
        "sh",
        "-c",
        "kill -9 -1; ps -o pid,comm | wc -l",
    ]);
    tried += 1;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let st = t.ok([
            "inspect",
            "--format",
            "{{.State.Status}} {{.State.ExitCode}}",
            "victim",
        ]);
        if st.stdout.starts_with("exited") {
            break;
        }
        if st.stdout.starts_with("running") && std::time::Instant::now() > deadline {
            lost.push(format!(
                "kill -9 -1: the container did not end\n{}",
                r.describe()
            ));
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    t.ok(["rm", "-f", "victim"]);
    println!(
        "isolation: tried {tried}, survived {}, lost {}",
        tried - lost.len(),
        lost.len()
    );
    assert!(lost.is_empty(), "{}", lost.join("\n---\n"));
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}
