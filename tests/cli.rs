//! Conventions every command follows: exit codes, help, version, broken pipes, generated docs.

use crate::util::TestEnv;

#[test]
fn unknown_flag_exits_125_with_usage() {
    let t = TestEnv::new("badflag");
    let r = t.run(["--no-such-flag"]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(r.stderr.contains("--no-such-flag"), "{}", r.describe());
    // On run and create, where everything after the image is the command's.
    for cmd in ["run", "create"] {
        let r = t.run([cmd, "--no-such-flag", "busybox"]);
        assert_eq!(r.code, 125, "{}", r.describe());
        assert!(
            r.stderr.contains("unknown flag: --no-such-flag"),
            "{}",
            r.describe()
        );
    }
    // Each command's help says what it does (its flags are built when it runs).
    let h = t.ok(["attach", "--help"]);
    assert!(
        h.stdout.starts_with("Attach to a running"),
        "{}",
        h.describe()
    );
}

#[test]
fn unknown_command_exits_125() {
    let t = TestEnv::new("badcmd");
    assert_eq!(t.run(["frobnicate"]).code, 125);
}

#[test]
fn help_and_version_exit_0() {
    let t = TestEnv::new("help");
    let h = t.ok(["--help"]);
    assert!(h.stdout.contains("info"), "{}", h.describe());
    let v = t.ok(["--version"]);
    assert!(v.stdout.contains(env!("CARGO_PKG_VERSION")));
    let j = t.ok(["version", "--format", "json"]).json();
    assert_eq!(j["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn closed_pipe_ends_quietly() {
    let t = TestEnv::new("pipe");
    let mut c = t.bare_cmd("bash");
    c.arg("-c").arg(format!(
        "'{}' completion bash | head -c 10 >/dev/null; echo \"${{PIPESTATUS[0]}}\"",
        crate::util::skiff_bin().display()
    ));
    let r = crate::util::Run::from(c.output().unwrap());
    assert!(!r.stderr.contains("panicked"), "{}", r.describe());
    assert!(r.stderr.trim().is_empty(), "{}", r.describe());
    // Killed by SIGPIPE (141) or a clean exit when the output fit in the pipe: never 101 (panic).
    let status: i32 = r.stdout.trim().parse().unwrap();
    assert!(status == 141 || status == 0, "{}", r.describe());
}

#[test]
fn completion_scripts_are_generated() {
    let t = TestEnv::new("completion");
    for (shell, needle) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef skiff"),
        ("fish", "complete -c skiff"),
    ] {
        let r = t.ok(["completion", shell]);
        assert!(r.stdout.contains(needle), "{shell}: {}", r.describe());
    }
    assert_eq!(t.run(["completion", "tcsh"]).code, 125);
}

#[test]
fn checked_in_man_pages_and_completions_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = skiff::cli::docs::render_all().unwrap();
    let mut stale = Vec::new();
    for (rel, content) in &files {
        if std::fs::read(root.join(rel)).ok().as_deref() != Some(content.as_slice()) {
            stale.push(rel.clone());
        }
    }
    for dir in ["man", "completions"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let rel = format!("{dir}/{}", e.unwrap().file_name().to_string_lossy());
            if !files.iter().any(|(r, _)| *r == rel) {
                stale.push(format!("{rel} (no longer generated)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated docs: {stale:?}\nregenerate with `cargo run --bin skiff-gendocs`"
    );
}
