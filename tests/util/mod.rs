//! The integration-test harness: runs the built `skiff` binary as the unprivileged test user (when the
//! tests run as root, as in CI) or as the current user, each test in its own temporary directory
//! with its own HOME, --root and --runroot, and removes everything afterwards.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// The user integration tests run skiff as, when the test process is root (tests/setup-host.sh).
pub const TEST_USER: &str = "skiff-test";
/// A user without a subuid/subgid range, for the single-id fallback.
pub const NOSUB_USER: &str = "skiff-nosub";

#[derive(Debug, Clone)]
pub struct User {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
}

impl User {
    pub fn lookup(name: &str) -> User {
        let u = nix::unistd::User::from_name(name)
            .expect("reading passwd")
            .unwrap_or_else(|| {
                panic!("user {name} missing: run tests/setup-host.sh as root first")
            });
        User {
            name: name.into(),
            uid: u.uid.as_raw(),
            gid: u.gid.as_raw(),
        }
    }
}

pub fn is_root() -> bool {
    nix::unistd::geteuid().is_root()
}

/// Scratch space for all tests of this run: $SKIFF_TEST_WORKDIR (set by tests/run.sh) or the temp dir.
pub fn workdir() -> PathBuf {
    std::env::var_os("SKIFF_TEST_WORKDIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
}

/// The skiff binary, copied once to a world-readable place when we switch users (a checkout under a
/// 0700 home is not reachable by the test user).
pub fn skiff_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let built = PathBuf::from(env!("CARGO_BIN_EXE_skiff"));
        if !is_root() {
            return built;
        }
        let dir = workdir().join(format!("bin-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let dst = dir.join("skiff");
        std::fs::copy(&built, &dst).unwrap();
        std::fs::set_permissions(&dst, std::fs::Permissions::from_mode(0o755)).unwrap();
        dst
    })
}

/// One test's private world.
pub struct TestEnv {
    pub dir: PathBuf,
    pub home: PathBuf,
    pub root: PathBuf,
    pub runroot: PathBuf,
    /// Who skiff runs as: `None` = the current user.
    pub user: Option<User>,
}

impl TestEnv {
    pub fn new(name: &str) -> TestEnv {
        TestEnv::as_user(name, TEST_USER)
    }

    /// As `user` when we are root; as ourselves otherwise.
    pub fn as_user(name: &str, user: &str) -> TestEnv {
        TestEnv::with(name, is_root().then(|| User::lookup(user)))
    }

    /// As ourselves, whoever that is (root in CI: skiff must work as root too).
    pub fn as_self(name: &str) -> TestEnv {
        TestEnv::with(name, None)
    }

    fn with(name: &str, user: Option<User>) -> TestEnv {
        let base = workdir();
        std::fs::create_dir_all(&base).unwrap();
        let dir = tempfile::Builder::new()
            .prefix(&format!("t-{name}-"))
            .tempdir_in(&base)
            .unwrap()
            .keep();
        let env = TestEnv {
            home: dir.join("home"),
            root: dir.join("root"),
            runroot: dir.join("run"),
            dir,
            user,
        };
        for d in [&env.home, &env.home.join("tmp")] {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::set_permissions(&env.dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        if let Some(u) = &env.user {
            chown_r(&env.dir, u.uid, u.gid);
        }
        env
    }

    /// A `skiff` command with this test's --root/--runroot and environment.
    pub fn cmd<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut c = self.bare_cmd(skiff_bin());
        c.arg("--root").arg(&self.root);
        c.arg("--runroot").arg(&self.runroot);
        c.args(args);
        c
    }

    /// Any program run as the test user with the test's environment (no skiff flags added).
    pub fn bare_cmd(&self, program: impl AsRef<OsStr>) -> Command {
        let mut c = match &self.user {
            Some(u) => {
                let mut c = Command::new("setpriv");
                c.arg(format!("--reuid={}", u.uid))
                    .arg(format!("--regid={}", u.gid))
                    .arg("--init-groups")
                    .arg("--")
                    .arg(program.as_ref());
                c
            }
            None => Command::new(program.as_ref()),
        };
        c.env_clear()
            .env("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
            .env("HOME", &self.home)
            .env("TMPDIR", self.home.join("tmp"))
            .env("XDG_DATA_HOME", self.home.join(".local/share"))
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .current_dir(&self.dir)
            .stdin(Stdio::null());
        c
    }

    /// Run skiff with `args`; returns its output (no assertion).
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Run::from(self.cmd(args).output().expect("spawning skiff"))
    }

    /// Run skiff and assert exit 0.
    pub fn ok<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S> + Clone,
        S: AsRef<OsStr>,
    {
        let shown: Vec<String> = args
            .clone()
            .into_iter()
            .map(|a| a.as_ref().to_string_lossy().into_owned())
            .collect();
        let r = self.run(args);
        assert_eq!(
            r.code,
            0,
            "skiff {} failed:\n{}",
            shown.join(" "),
            r.describe()
        );
        r
    }
}

impl Drop for TestEnv {
    fn drop(&mut self) {
        // Containers a failed test left running: skiff removes them; whatever still runs with this
        // test's dir on its command line (supervisors, helpers) is killed.
        if self.root.join("containers").exists() {
            let _ = self.cmd(["rm", "-f", "--all"]).output();
        }
        let _ = Command::new("pkill")
            .arg("-9")
            .arg("-f")
            .arg(self.dir.to_str().unwrap())
            .status();
        let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
        let leaked: Vec<&str> = mounts
            .lines()
            .filter(|l| l.contains(self.dir.to_str().unwrap()))
            .collect();
        let _ = std::fs::remove_dir_all(&self.dir);
        if !leaked.is_empty() && !std::thread::panicking() {
            panic!("test left mounts behind:\n{}", leaked.join("\n"));
        }
    }
}

pub fn chown_r(p: &Path, uid: u32, gid: u32) {
    let st = Command::new("chown")
        .arg("-R")
        .arg(format!("{uid}:{gid}"))
        .arg(p)
        .status()
        .unwrap();
    assert!(st.success(), "chown -R {}", p.display());
}

/// A finished command.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        use std::os::unix::process::ExitStatusExt;
        Run {
            code: o
                .status
                .code()
                .unwrap_or_else(|| 128 + o.status.signal().unwrap_or(0)),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    pub fn describe(&self) -> String {
        format!(
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.describe()))
    }
}

/// The test registry (host:port) started by tests/run.sh.
pub fn registry() -> String {
    std::env::var("SKIFF_TEST_REGISTRY").expect(
        "SKIFF_TEST_REGISTRY is not set: run the suite through tests/run.sh, which starts the \
         registry and pushes the fixtures",
    )
}

/// fixtures.json written by tests/fixtures/build.py.
pub fn fixtures() -> serde_json::Value {
    let p = std::env::var("SKIFF_TEST_FIXTURES")
        .expect("SKIFF_TEST_FIXTURES is not set: run the suite through tests/run.sh");
    serde_json::from_str(&std::fs::read_to_string(&p).expect("reading fixtures.json")).unwrap()
}

/// A port that is free right now on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Wait for a child with a deadline: a hung container must fail the test, not hang the suite.
pub fn wait_with_timeout(mut child: std::process::Child, secs: u64) -> Run {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        if child.try_wait().unwrap().is_some() {
            return Run::from(child.wait_with_output().unwrap());
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let out = Run::from(child.wait_with_output().unwrap());
            panic!("timed out after {secs}s:\n{}", out.describe());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
