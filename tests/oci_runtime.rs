//! `skiff-runtime`, skiff as an OCI runtime with runc's command line: the lifecycle on a bundle
//! (rootless and as root), bad configs refused naming the field with nothing left behind, podman
//! running containers through it (rootless and as root), and the OCI image layout `skiff save`
//! writes validated by oci-image-tool. The runtime-tools validation suite runs from tests/run.sh.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{is_root, Run, TestEnv};

/// `skiff-runtime`: a link to the test copy of the skiff binary.
fn runtime_bin() -> PathBuf {
    let bin = crate::util::skiff_bin();
    let link = bin.parent().unwrap().join("skiff-runtime");
    if !link.exists() {
        let tmp = bin
            .parent()
            .unwrap()
            .join(format!("skiff-runtime.{}", rand_suffix()));
        std::os::unix::fs::symlink(bin, &tmp).unwrap();
        let _ = std::fs::rename(&tmp, &link);
    }
    link
}

fn rand_suffix() -> String {
    format!("{}-{:?}", std::process::id(), std::thread::current().id()).replace(['(', ')'], "")
}

/// A rootfs with the host's static busybox and its applets.
fn rootfs(dir: &Path) {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy("/bin/busybox", bin.join("busybox")).unwrap();
    for applet in [
        "sh", "echo", "sleep", "cat", "id", "hostname", "ls", "true", "ps", "touch", "grep",
        "mount", "stat", "wc", "seq",
    ] {
        std::os::unix::fs::symlink("busybox", bin.join(applet)).unwrap();
    }
    for d in ["proc", "sys", "dev", "etc", "tmp"] {
        std::fs::create_dir_all(dir.join(d)).unwrap();
    }
}

struct Rt<'a> {
    t: &'a TestEnv,
    state: PathBuf,
    bundle: PathBuf,
}

impl<'a> Rt<'a> {
    /// A bundle from `spec` (`--rootless` unless `as_root`), with `args` and `edit` applied.
    fn new(
        t: &'a TestEnv,
        name: &str,
        rootless: bool,
        args: &[&str],
        edit: impl FnOnce(&mut serde_json::Value),
    ) -> Rt<'a> {
        let bundle = t.dir.join(name);
        rootfs(&bundle.join("rootfs"));
        let rt = Rt {
            t,
            state: t.dir.join("rt-state"),
            bundle,
        };
        if let Some(u) = &t.user {
            crate::util::chown_r(&t.dir, u.uid, u.gid);
        }
        let mut spec_args = vec!["spec", "-b", rt.bundle.to_str().unwrap()];
        if rootless {
            spec_args.push("--rootless");
        }
        let r = rt.run(&spec_args);
        assert_eq!(r.code, 0, "{}", r.describe());
        let path = rt.bundle.join("config.json");
        let mut v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        v["process"]["args"] = serde_json::json!(args);
        v["process"]["terminal"] = false.into();
        edit(&mut v);
        std::fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
        rt
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = self.t.bare_cmd(runtime_bin());
        c.arg("--root").arg(&self.state).args(args);
        c
    }

    fn run(&self, args: &[&str]) -> Run {
        // `create` and `run -d` leave the container's init holding their stdout and stderr (as
        // runc does): collect those through files, not pipes that would stay open.
        if matches!(args.first(), Some(&"create")) || args.contains(&"-d") {
            let out = self.t.dir.join(format!("out-{}", args.len()));
            let err = self.t.dir.join(format!("err-{}", args.len()));
            let status = self
                .cmd(args)
                .stdout(std::fs::File::create(&out).unwrap())
                .stderr(std::fs::File::create(&err).unwrap())
                .status()
                .unwrap();
            return Run {
                code: status.code().unwrap_or(128),
                stdout: std::fs::read_to_string(&out).unwrap(),
                stderr: std::fs::read_to_string(&err).unwrap(),
            };
        }
        Run::from(self.cmd(args).output().unwrap())
    }

    fn ok(&self, args: &[&str]) -> Run {
        let r = self.run(args);
        assert_eq!(
            r.code,
            0,
            "skiff-runtime {}: {}",
            args.join(" "),
            r.describe()
        );
        r
    }

    fn status(&self, id: &str) -> String {
        let r = self.ok(&["state", id]);
        r.json()["status"].as_str().unwrap().to_string()
    }

    fn bundle(&self) -> &str {
        self.bundle.to_str().unwrap()
    }

    /// Nothing of `id` remains: no state directory, no process.
    fn assert_gone(&self, id: &str) {
        assert!(!self.state.join(id).exists(), "state of {id} left behind");
        let left = Command::new("pgrep")
            .arg("-f")
            .arg(self.bundle())
            .output()
            .unwrap();
        assert!(
            left.stdout.is_empty(),
            "processes left: {}",
            String::from_utf8_lossy(&left.stdout)
        );
    }
}

fn wait_status(rt: &Rt<'_>, id: &str, want: &str) {
    for _ in 0..500 {
        if rt.status(id) == want {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{id} never became {want} (is {})", rt.status(id));
}

fn lifecycle(t: &TestEnv, rootless: bool) {
    // run: output and exit code passed through, the container removed.
    let rt = Rt::new(
        t,
        "b1",
        rootless,
        &[
            "sh",
            "-c",
            "echo hello from $(id -u) on $(hostname); exit 5",
        ],
        |_| {},
    );
    let r = rt.run(&["run", "-b", rt.bundle(), "one"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (5, "hello from 0 on skiff\n"),
        "{}",
        r.describe()
    );
    rt.assert_gone("one");

    // create / start / state / exec / ps / pause / resume / kill / delete.
    let rt = Rt::new(t, "b2", rootless, &["sleep", "60"], |_| {});
    let pidfile = t.dir.join("pid");
    rt.ok(&[
        "create",
        "-b",
        rt.bundle(),
        "--pid-file",
        pidfile.to_str().unwrap(),
        "two",
    ]);
    assert_eq!(rt.status("two"), "created");
    let state = rt.ok(&["state", "two"]).json();
    assert_eq!(
        state["pid"].as_i64().unwrap().to_string(),
        std::fs::read_to_string(&pidfile).unwrap()
    );
    assert_eq!(
        state["bundle"].as_str().unwrap(),
        std::fs::canonicalize(&rt.bundle).unwrap().to_str().unwrap()
    );
    // Not started yet: the process has not run (runtime-spec: args apply only at start).
    let r = rt.run(&["delete", "two"]);
    assert_ne!(
        r.code, 0,
        "delete of a created container without --force must fail"
    );
    assert!(
        r.stderr.contains("stop it first, or use --force"),
        "{}",
        r.describe()
    );
    rt.ok(&["start", "two"]);
    assert_eq!(rt.status("two"), "running");
    let r = rt.run(&["start", "two"]);
    assert!(
        r.code != 0 && r.stderr.contains("only a created container can be started"),
        "{}",
        r.describe()
    );
    let r = rt.run(&["exec", "two", "sh", "-c", "echo exec $(id -u); exit 7"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (7, "exec 0\n"),
        "{}",
        r.describe()
    );
    let procs = rt.ok(&["ps", "--format", "json", "two"]).json();
    assert!(procs.as_array().unwrap().contains(&state["pid"]), "{procs}");
    rt.ok(&["pause", "two"]);
    assert_eq!(rt.status("two"), "paused");
    rt.ok(&["resume", "two"]);
    assert_eq!(rt.status("two"), "running");
    let list = rt.ok(&["list", "--format", "json"]).json();
    assert_eq!(list[0]["id"], "two");
    let r = rt.run(&["delete", "two"]);
    assert!(
        r.code != 0 && r.stderr.contains("it is running"),
        "{}",
        r.describe()
    );
    assert_eq!(
        rt.status("two"),
        "running",
        "a refused delete must not touch the container"
    );
    rt.ok(&["kill", "two", "KILL"]);
    wait_status(&rt, "two", "stopped");
    rt.ok(&["delete", "two"]);
    rt.assert_gone("two");

    // delete --force of a running one, exec --detach with a pid file.
    rt.ok(&["run", "-d", "-b", rt.bundle(), "three"]);
    let xpid = t.dir.join("xpid");
    rt.ok(&[
        "exec",
        "-d",
        "--pid-file",
        xpid.to_str().unwrap(),
        "three",
        "sleep",
        "30",
    ]);
    assert!(
        std::fs::read_to_string(&xpid)
            .unwrap()
            .parse::<i32>()
            .unwrap()
            > 0
    );
    rt.ok(&["delete", "--force", "three"]);
    rt.assert_gone("three");

    // features: the OCI features document.
    let f = rt.ok(&["features"]).json();
    assert_eq!(f["ociVersionMax"], "1.2.0");
    assert!(f["linux"]["seccomp"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "SCMP_ACT_NOTIFY"));
}

#[test]
fn runtime_lifecycle_rootless() {
    let t = TestEnv::new("oci-rootless");
    lifecycle(&t, true);
}

#[test]
fn runtime_lifecycle_as_root_with_cgroups() {
    if !is_root() {
        eprintln!("skipped: needs root (CI runs it)");
        return;
    }
    let t = TestEnv::as_self("oci-root");
    lifecycle(&t, false);
    // Resources on this machine's cgroup v1 hierarchies, read back from the host side.
    let cg = format!("/skiff-test-{}", std::process::id());
    let rt = Rt::new(
        &t,
        "b4",
        false,
        &[
            "sh",
            "-c",
            "cat /sys/fs/cgroup/pids/pids.max 2>/dev/null; sleep 30",
        ],
        |v| {
            v["linux"]["cgroupsPath"] = cg.clone().into();
            v["linux"]["resources"] =
                serde_json::json!({"pids": {"limit": 10}, "memory": {"limit": 33554432}});
            v["root"]["readonly"] = true.into();
        },
    );
    rt.ok(&["run", "-d", "-b", rt.bundle(), "four"]);
    let pids = std::fs::read_to_string(format!("/sys/fs/cgroup/pids{cg}/pids.max")).unwrap();
    assert_eq!(pids.trim(), "10");
    let mem = std::fs::read_to_string(format!("/sys/fs/cgroup/memory{cg}/memory.limit_in_bytes"))
        .unwrap();
    assert_eq!(mem.trim(), "33554432");
    // A fork bomb stops at the limit (the kernel counts the refusals); the read-only root
    // refuses writes.
    let _ = rt.run(&[
        "exec",
        "four",
        "sh",
        "-c",
        "for i in $(seq 1 20); do sleep 5 & done 2>/dev/null; true",
    ]);
    let current: u32 = std::fs::read_to_string(format!("/sys/fs/cgroup/pids{cg}/pids.current"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let events = std::fs::read_to_string(format!("/sys/fs/cgroup/pids{cg}/pids.events")).unwrap();
    assert!(current <= 10, "pids.max 10 let {current} processes run");
    assert_ne!(events.trim(), "max 0", "the limit was never hit: {events}");
    let r = rt.run(&["exec", "four", "touch", "/x"]);
    assert_ne!(r.code, 0, "root.readonly: {}", r.describe());
    rt.ok(&["delete", "--force", "four"]);
    rt.assert_gone("four");
    // An idmapped bind mount: files of host uid 1000 show as root's, and root's new files land
    // on the host as 1000.
    let src = t.dir.join("idsrc");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("f"), "x").unwrap();
    crate::util::chown_r(&src, 1000, 1000);
    let rt5 = Rt::new(
        &t,
        "b5",
        false,
        &["sh", "-c", "stat -c '%u:%g' /data/f && touch /data/new"],
        |v| {
            v["mounts"].as_array_mut().unwrap().push(
                serde_json::json!({"destination": "/data", "type": "bind",
            "source": src, "options": ["bind", "idmap"],
            "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}],
            "gidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}]}),
            );
        },
    );
    let r = rt5.run(&["run", "-b", rt5.bundle(), "five"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "0:0\n"),
        "{}",
        r.describe()
    );
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(src.join("new")).unwrap().uid(), 1000);
    rt5.assert_gone("five");
    assert!(
        !Path::new(&format!("/sys/fs/cgroup/pids{cg}")).exists(),
        "cgroup left behind"
    );
}

/// Each bad config: refused with the field named, and nothing left behind.
#[test]
fn runtime_refuses_bad_configs() {
    let t = TestEnv::new("oci-bad");
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "version",
            Box::new(|v| v["ociVersion"] = "7.0.0".into()),
            "ociVersion \"7.0.0\"",
        ),
        (
            "noroot",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("root");
            }),
            "root.path is missing",
        ),
        (
            "reldest",
            Box::new(|v| v["mounts"][0]["destination"] = "proc".into()),
            "mounts[0].destination \"proc\" is relative",
        ),
        (
            "nspath",
            Box::new(|v| v["linux"]["namespaces"][0]["path"] = "/etc/hostname".into()),
            "linux.namespaces[0].path /etc/hostname is not a namespace file",
        ),
        (
            "badmap",
            Box::new(|v| {
                v["linux"]["uidMappings"] =
                    serde_json::json!([{"containerID": 0, "hostID": 0, "size": 1}])
            }),
            "linux.uidMappings/gidMappings",
        ),
        (
            "badaction",
            Box::new(|v| {
                v["linux"]["seccomp"] = serde_json::json!({"defaultAction": "SCMP_ACT_BOGUS"})
            }),
            "SCMP_ACT_BOGUS",
        ),
        (
            "hook",
            Box::new(
                |v| v["hooks"] = serde_json::json!({"prestart": [{"path": "/bin/sleep", "args": ["sleep", "10"], "timeout": 1}]}),
            ),
            "hooks.prestart[0] (/bin/sleep): did not finish within its timeout of 1s",
        ),
    ];
    for (name, edit, want) in cases {
        let rt = Rt::new(&t, name, true, &["true"], |v| edit(v));
        let start = std::time::Instant::now();
        let r = rt.run(&["create", "-b", rt.bundle(), name]);
        assert!(
            r.code != 0 && r.stderr.contains(want),
            "{name}: want {want:?}: {}",
            r.describe()
        );
        assert!(
            start.elapsed().as_secs() < 8,
            "{name} took {:?}",
            start.elapsed()
        );
        rt.assert_gone(name);
    }
    // An unknown syscall name is warned about and skipped (as runc does); the rest applies.
    let rt = Rt::new(
        &t,
        "sc",
        true,
        &["sh", "-c", "mkdir /tmp/d 2>/dev/null || echo refused"],
        |v| {
            v["linux"]["seccomp"] = serde_json::json!({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            {"names": ["no_such_syscall", "mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]});
        },
    );
    let r = rt.run(&["run", "-b", rt.bundle(), "sc"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(r.stdout, "refused\n");
    assert!(
        r.stderr
            .contains("unknown syscall \"no_such_syscall\" skipped"),
        "{}",
        r.describe()
    );
    rt.assert_gone("sc");
    // start of something not created, delete of something unknown.
    let r = rt.run(&["start", "nothing"]);
    assert!(
        r.code != 0 && r.stderr.contains("does not exist"),
        "{}",
        r.describe()
    );
    let r = rt.run(&["kill", "nothing", "SIGNOPE"]);
    assert_ne!(r.code, 0);
}

fn podman_with_skiff(t: &TestEnv, extra: &[&str]) {
    // A busybox image imported into podman's own store (no registry needed).
    let tar = t.dir.join("rootfs.tar");
    rootfs(&t.dir.join("img"));
    assert!(Command::new("tar")
        .arg("-C")
        .arg(t.dir.join("img"))
        .arg("-cf")
        .arg(&tar)
        .arg(".")
        .status()
        .unwrap()
        .success());
    let conf_dir = t.home.join(".config/containers");
    std::fs::create_dir_all(&conf_dir).unwrap();
    // Podman checks a runtime by name against these lists before using it without cgroups.
    std::fs::write(
        conf_dir.join("containers.conf"),
        "[engine]\ncgroup_manager = \"cgroupfs\"\nruntime_supports_json = [\"crun\", \"runc\", \"skiff-runtime\"]\n\
         helper_binaries_dir = [\"/usr/lib/podman\", \"/usr/libexec/podman\"]\n[network]\nnetwork_backend = \"netavark\"\n",
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.dir, u.uid, u.gid);
    }
    // Podman as root refuses a runroot longer than 50 characters: a short one under /tmp.
    let runroot = tempfile::Builder::new()
        .prefix("skp")
        .tempdir_in("/tmp")
        .unwrap();
    std::fs::set_permissions(
        runroot.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(runroot.path(), u.uid, u.gid);
    }
    let podman = |args: &[&str]| -> Run {
        let mut c = t.bare_cmd("podman");
        c.arg("--root")
            .arg(t.dir.join("proot"))
            .arg("--runroot")
            .arg(runroot.path())
            .arg("--runtime")
            .arg(runtime_bin())
            .args(args);
        Run::from(c.output().unwrap())
    };
    let r = podman(&["import", tar.to_str().unwrap(), "localhost/bb:1"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let mut run = vec!["run", "--rm", "--network", "none"];
    run.extend_from_slice(extra);
    run.extend_from_slice(&["localhost/bb:1", "sh", "-c", "echo hi; exit 3"]);
    let r = podman(&run);
    assert_eq!((r.code, r.stdout.as_str()), (3, "hi\n"), "{}", r.describe());
    let mut run = vec!["run", "-d", "--name", "det", "--network", "none"];
    run.extend_from_slice(extra);
    run.extend_from_slice(&["localhost/bb:1", "sleep", "60"]);
    let r = podman(&run);
    assert_eq!(r.code, 0, "{}", r.describe());
    let r = podman(&["exec", "det", "sh", "-c", "echo in exec; exit 4"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (4, "in exec\n"),
        "{}",
        r.describe()
    );
    let r = podman(&["ps", "--format", "{{.Names}} {{.Status}}"]);
    assert!(r.stdout.starts_with("det Up"), "{}", r.describe());
    let r = podman(&["stop", "-t", "1", "det"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let r = podman(&["rm", "det"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let r = podman(&["ps", "-aq"]);
    assert_eq!(r.stdout, "", "{}", r.describe());
    let _ = podman(&["system", "reset", "-f"]);
}

#[test]
fn podman_runs_containers_through_skiff_runtime_rootless() {
    let t = TestEnv::new("oci-podman");
    // Rootless podman on cgroup v1 (no delegation) hands the runtime a cgroupsPath it cannot
    // use: the runtime goes on without cgroups (no limits were asked for).
    podman_with_skiff(&t, &[]);
}

#[test]
fn podman_runs_containers_through_skiff_runtime_as_root() {
    if !is_root() {
        eprintln!("skipped: needs root (CI runs it)");
        return;
    }
    let t = TestEnv::as_self("oci-podman-root");
    // This machine's root lacks CAP_SYS_RESOURCE: podman's default rlimits (1048576 files and
    // processes) cannot be granted by any runtime (crun fails the same way), so ask for less.
    podman_with_skiff(
        &t,
        &[
            "--ulimit",
            "nofile=1024:1024",
            "--ulimit",
            "nproc=1024:1024",
        ],
    );
}

#[test]
fn saved_oci_layout_validates_with_oci_image_tool() {
    let t = TestEnv::new("oci-layout");
    let reg = crate::util::registry();
    let image = format!("{reg}/busybox:latest");
    t.ok(["pull", "--tls-verify=false", "-q", &image]);
    let lay = t.dir.join("layout");
    t.ok([
        "save",
        "--format",
        "oci-dir",
        "-o",
        lay.to_str().unwrap(),
        &image,
    ]);
    let validate = |dir: &Path, extra: &[&str]| -> Run {
        Run::from(
            Command::new("oci-image-tool")
                .arg("validate")
                .arg("--type")
                .arg("image")
                .args(extra)
                .arg(dir)
                .output()
                .unwrap(),
        )
    };
    let r = validate(&lay, &[]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let r = validate(&lay, &["--ref", &format!("name={image}")]);
    assert_eq!(r.code, 0, "{}", r.describe());
    // The validator does check: a manifest with a wrong config media type fails it.
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(lay.join("index.json")).unwrap()).unwrap();
    let digest = index["manifests"][0]["digest"]
        .as_str()
        .unwrap()
        .trim_start_matches("sha256:")
        .to_string();
    let blob = lay.join("blobs/sha256").join(&digest);
    let mut m: serde_json::Value = serde_json::from_slice(&std::fs::read(&blob).unwrap()).unwrap();
    m["config"]["mediaType"] = "text/plain".into();
    let bad = serde_json::to_vec(&m).unwrap();
    use sha2::Digest;
    let bad_digest: String = sha2::Sha256::digest(&bad)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    std::fs::write(lay.join("blobs/sha256").join(&bad_digest), &bad).unwrap();
    let mut idx = index.clone();
    idx["manifests"][0]["digest"] = format!("sha256:{bad_digest}").into();
    idx["manifests"][0]["size"] = bad.len().into();
    std::fs::write(lay.join("index.json"), serde_json::to_vec(&idx).unwrap()).unwrap();
    let r = validate(&lay, &[]);
    assert_ne!(r.code, 0, "a broken layout passed: {}", r.describe());
}

/// SCMP_ACT_NOTIFY: the listener fd and the container's state reach `listenerPath`; once the
/// listener is closed unanswered, the notified syscall fails (ENOSYS) instead of hanging.
#[test]
fn seccomp_notify_hands_the_listener_over() {
    let t = TestEnv::new("oci-notify");
    let sock = t.dir.join("notify.sock");
    let got = t.dir.join("got.json");
    let listener = format!(
        r#"
import json, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind({sock:?}); s.listen(1)
open({ready:?}, "w").close()
c, _ = s.accept()
msg, fds, _, _ = socket.recv_fds(c, 65536, 4)
json.dump({{"msg": json.loads(msg), "fds": len(fds)}}, open({got:?}, "w"))
"#,
        sock = sock.to_str().unwrap(),
        ready = t.dir.join("ready").to_str().unwrap(),
        got = got.to_str().unwrap(),
    );
    let rt = Rt::new(
        &t,
        "nb",
        true,
        &[
            "sh",
            "-c",
            "mkdir /tmp/x 2>/dev/null && echo made || echo refused",
        ],
        |v| {
            v["linux"]["seccomp"] = serde_json::json!({"defaultAction": "SCMP_ACT_ALLOW", "listenerPath": sock,
            "listenerMetadata": "hello", "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_NOTIFY"}]});
        },
    );
    let mut py = t.bare_cmd("python3");
    py.arg("-c").arg(&listener);
    let mut child = py.spawn().unwrap();
    for _ in 0..200 {
        if t.dir.join("ready").exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let r = rt.run(&["run", "-b", rt.bundle(), "nt"]);
    let _ = child.wait();
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "refused\n"),
        "{}",
        r.describe()
    );
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&got).unwrap()).unwrap();
    assert_eq!(v["fds"], 1, "{v}");
    assert_eq!(v["msg"]["fds"], serde_json::json!(["seccompFd"]), "{v}");
    assert_eq!(v["msg"]["metadata"], "hello", "{v}");
    assert_eq!(v["msg"]["state"]["id"], "nt", "{v}");
    assert!(v["msg"]["pid"].as_i64().unwrap() > 0, "{v}");
    rt.assert_gone("nt");
}

/// A skiff container as an OCI spec: `container export-spec` and `inspect .OCIConfig` carry the
/// user (resolved in the image), capabilities, mounts, read-only root and the default seccomp
/// profile, and the runtime's own config checks accept it.
#[test]
fn a_skiff_container_exports_its_oci_spec() {
    let t = TestEnv::new("oci-export");
    let image = format!("{}/busybox:latest", crate::util::registry());
    t.ok(["pull", "--tls-verify=false", "-q", &image]);
    let vol = t.dir.join("vol");
    std::fs::create_dir_all(&vol).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&vol, u.uid, u.gid);
    }
    let id = t
        .ok([
            "create",
            "--name",
            "ex",
            "--user",
            "nobody",
            "--cap-drop",
            "CHOWN",
            "--read-only",
            "-v",
            &format!("{}:/data:ro", vol.display()),
            "--hostname",
            "exported",
            &image,
            "sh",
            "-c",
            "id",
        ])
        .stdout;
    assert!(!id.trim().is_empty());
    let out = t.dir.join("config.json");
    t.ok([
        "container",
        "export-spec",
        "-o",
        out.to_str().unwrap(),
        "ex",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["ociVersion"], "1.1.0");
    assert_eq!(v["process"]["args"], serde_json::json!(["sh", "-c", "id"]));
    assert_eq!(
        v["process"]["user"]["uid"], 65534,
        "nobody from the image's /etc/passwd: {}",
        v["process"]
    );
    assert_eq!(v["hostname"], "exported");
    assert_eq!(v["root"]["readonly"], true);
    let bounding = v["process"]["capabilities"]["bounding"].as_array().unwrap();
    assert!(
        !bounding.iter().any(|c| c == "CAP_CHOWN") && bounding.iter().any(|c| c == "CAP_KILL"),
        "{bounding:?}"
    );
    assert!(
        v["process"]["capabilities"]["effective"]
            .as_array()
            .unwrap()
            .is_empty(),
        "a non-root user keeps no effective caps"
    );
    let data = v["mounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["destination"] == "/data")
        .expect("the volume");
    assert!(
        data["options"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o == "ro"),
        "{data}"
    );
    assert_eq!(v["linux"]["seccomp"]["defaultAction"], "SCMP_ACT_ERRNO");
    assert!(v["linux"]["namespaces"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["type"] == "user"));
    // The same object under inspect; and skiff-runtime creates a container from it (its /etc
    // files exist from the export on; the root is the container's mount point, still empty:
    // `an_exported_spec_runs_under_crun_runc_and_skiff_runtime` runs one, as root).
    let r = t.ok(["inspect", "--format", "{{.OCIConfig.hostname}}", "ex"]);
    assert_eq!(r.stdout.trim(), "exported");
    let bundle = t.dir.join("exported-bundle");
    std::fs::create_dir_all(&bundle).unwrap();
    std::fs::copy(&out, bundle.join("config.json")).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&bundle, u.uid, u.gid);
    }
    // The init keeps stdout and stderr until it runs: output goes to a file, not a pipe.
    let log = t.dir.join("create.log");
    let f = std::fs::File::create(&log).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&log, u.uid, u.gid);
    }
    let rt = |args: &[&str]| {
        let mut c = t.bare_cmd(runtime_bin());
        c.arg("--root").arg(t.dir.join("st")).args(args);
        c
    };
    let st = rt(&["create", "-b", bundle.to_str().unwrap(), "x"])
        .stdin(std::process::Stdio::null())
        .stdout(f.try_clone().unwrap())
        .stderr(f)
        .status()
        .unwrap();
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(st.success(), "create: {said}");
    let state = Run::from(rt(&["state", "x"]).output().unwrap());
    assert!(state.stdout.contains("\"created\""), "{}", state.describe());
    let r = Run::from(rt(&["delete", "--force", "x"]).output().unwrap());
    assert_eq!(r.code, 0, "{}", r.describe());
}

/// The config skiff writes is one any runtime runs: as root, the container's overlay mounted
/// where `root.path` says (from the annotations), the exported bundle runs under crun, runc and
/// skiff-runtime with the output `skiff start -a` gives (user, hostname, capabilities, the
/// image's files, the generated /etc files).
#[test]
fn an_exported_spec_runs_under_crun_runc_and_skiff_runtime() {
    if !crate::util::is_root() {
        return;
    }
    let t = TestEnv::as_self("oci-export-run");
    let image = format!("{}/busybox:latest", crate::util::registry());
    t.ok(["pull", "--tls-verify=false", "-q", &image]);
    // The process side too: skiff runs the process its exported config states, so every
    // runtime's process of that config shows the same ids, capability sets, no_new_privs,
    // seccomp mode, umask, rlimits (the default open files limit among them) and oom score.
    let script = "id; hostname; cat /etc/hostname; ls /bin/busybox; \
        grep -E '^(Uid|Gid|Groups|Cap(Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs|Seccomp):' /proc/self/status; \
        umask; ulimit -n; ulimit -Hn; ulimit -u; cat /proc/self/oom_score_adj; echo HOME=$HOME";
    t.ok([
        "create",
        "--name",
        "ex",
        "--network",
        "none",
        "--user",
        "nobody",
        "--group-add",
        "4242",
        "--hostname",
        "exported",
        "--cap-drop",
        "CHOWN",
        "--umask",
        "0027",
        "--ulimit",
        "nproc=700:900",
        "--oom-score-adj",
        "300",
        "--security-opt",
        "no-new-privileges",
        &image,
        "sh",
        "-c",
        script,
    ]);
    let bundle = t.dir.join("bundle");
    std::fs::create_dir_all(&bundle).unwrap();
    let config = bundle.join("config.json");
    t.ok([
        "container",
        "export-spec",
        "-o",
        config.to_str().unwrap(),
        "ex",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&config).unwrap()).unwrap();
    let root = PathBuf::from(v["root"]["path"].as_str().unwrap());
    let a = &v["annotations"];
    let opt = format!(
        "lowerdir={},upperdir={},workdir={}",
        a["io.skiff.rootfs.overlay.lowerdir"].as_str().unwrap(),
        a["io.skiff.rootfs.overlay.upperdir"].as_str().unwrap(),
        a["io.skiff.rootfs.overlay.workdir"].as_str().unwrap()
    );
    std::fs::create_dir_all(&root).unwrap();
    let st = std::process::Command::new("mount")
        .args(["-t", "overlay", "overlay", "-o", &opt])
        .arg(&root)
        .status()
        .unwrap();
    assert!(st.success(), "mounting the overlay at {}", root.display());
    let run = |rt: &str, id: &str| {
        let out = t.dir.join(format!("{id}.out"));
        let f = std::fs::File::create(&out).unwrap();
        let st = std::process::Command::new(rt)
            .arg("--root")
            .arg(t.dir.join(format!("{id}-state")))
            .args(["run", "--bundle", bundle.to_str().unwrap(), id])
            .stdin(std::process::Stdio::null())
            .stdout(f.try_clone().unwrap())
            .stderr(f)
            .status()
            .unwrap();
        (st.code(), std::fs::read_to_string(&out).unwrap())
    };
    let crun = run("crun", "with-crun");
    let runc = run("runc", "with-runc");
    let ours = run(runtime_bin().to_str().unwrap(), "with-skiff-runtime");
    let _ = std::process::Command::new("umount").arg(&root).status();
    let skiff = t.ok(["start", "-a", "ex"]).stdout;
    for want in [
        "uid=65534",
        "exported",
        "NoNewPrivs:\t1",
        "Seccomp:\t2",
        "CapEff:\t0000000000000000",
        "CapBnd:\t00000000a80425fa",
        "\n0027\n",
        "\n700\n",
        "\n300\n",
        "HOME=/nonexistent",
    ] {
        assert!(skiff.contains(want), "{want:?} in {skiff}");
    }
    assert_eq!(
        runc,
        (Some(0), skiff.clone()),
        "runc on the exported bundle"
    );
    assert_eq!(
        crun,
        (Some(0), skiff.clone()),
        "crun on the exported bundle"
    );
    assert_eq!(
        ours,
        (Some(0), skiff),
        "skiff-runtime on the exported bundle"
    );
    t.ok(["rm", "-a"]);
}

/// `--hooks-dir`: podman's hook files (oci-hooks(5)) run around a skiff container: prestart
/// and createRuntime before its command (with the OCI state on stdin), poststart once it runs,
/// poststop after it exited; `when` decides which apply; a failing prestart hook stops the
/// container from running, naming the hook.
#[test]
fn hooks_dir_runs_oci_hooks_around_skiff_containers() {
    let t = TestEnv::new("oci-hooksdir");
    let image = format!("{}/busybox:latest", crate::util::registry());
    let hooks = t.dir.join("hooks.d");
    let out = t.dir.join("out");
    std::fs::create_dir_all(&hooks).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    let hook = |name: &str, when: &str, stages: &str, script: &str| {
        let body = serde_json::json!({
            "version": "1.0.0",
            "hook": {"path": "/bin/sh", "args": ["sh", "-c", script], "timeout": 10},
            "when": serde_json::from_str::<serde_json::Value>(when).unwrap(),
            "stages": serde_json::from_str::<serde_json::Value>(stages).unwrap(),
        });
        std::fs::write(hooks.join(name), body.to_string()).unwrap();
    };
    let o = out.display();
    for stage in ["prestart", "createRuntime", "poststart", "poststop"] {
        hook(
            &format!("10-{stage}.json"),
            r#"{"annotations": {"^hooktest$": "^yes$"}}"#,
            &format!("[\"{stage}\"]"),
            &format!("cat > {o}/{stage}.json"),
        );
    }
    // Runs before the command: the container reads what it wrote.
    hook(
        "20-marker.json",
        r#"{"always": true}"#,
        r#"["prestart"]"#,
        &format!("echo from-prestart > {o}/marker"),
    );
    hook(
        "30-never.json",
        r#"{"commands": ["^nomatch$"]}"#,
        r#"["prestart"]"#,
        &format!("touch {o}/never"),
    );
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.dir, u.uid, u.gid);
    }
    let hd = hooks.to_str().unwrap();
    let r = t.ok([
        "--hooks-dir",
        hd,
        "run",
        "--name",
        "hooked",
        "--annotation",
        "hooktest=yes",
        "-v",
        &format!("{o}:/out"),
        &image,
        "cat",
        "/out/marker",
    ]);
    assert_eq!(r.stdout, "from-prestart\n", "{}", r.describe());
    let id = t
        .ok(["inspect", "--format", "{{.Id}}", "hooked"])
        .stdout
        .trim()
        .to_string();
    let read = |s: &str| -> serde_json::Value {
        let p = out.join(format!("{s}.json"));
        serde_json::from_slice(&std::fs::read(&p).unwrap_or_else(|e| panic!("{s}: {e}"))).unwrap()
    };
    for (stage, status) in [
        ("prestart", "created"),
        ("createRuntime", "created"),
        ("poststart", "running"),
        ("poststop", "stopped"),
    ] {
        let v = read(stage);
        assert_eq!(v["id"], id.as_str(), "{stage}: {v}");
        assert_eq!(v["status"], status, "{stage}: {v}");
        assert!(v["pid"].as_i64().unwrap() > 0, "{stage}: {v}");
    }
    assert!(
        !out.join("never").exists(),
        "a hook whose `when` does not match ran"
    );
    // Without the annotation only the `always` hook runs.
    std::fs::remove_file(out.join("prestart.json")).unwrap();
    t.ok(["--hooks-dir", hd, "run", "--rm", &image, "true"]);
    assert!(!out.join("prestart.json").exists());
    // A failing prestart hook: the command never runs, the error names the hook.
    hook(
        "40-fail.json",
        r#"{"always": true}"#,
        r#"["prestart"]"#,
        "echo broken >&2; exit 3",
    );
    if let Some(u) = &t.user {
        crate::util::chown_r(&hooks, u.uid, u.gid);
    }
    let r = t.run([
        "--hooks-dir",
        hd,
        "run",
        "--rm",
        "-v",
        &format!("{o}:/out"),
        &image,
        "touch",
        "/out/ran",
    ]);
    assert_ne!(r.code, 0, "{}", r.describe());
    assert!(r.stderr.contains("prestart"), "{}", r.describe());
    assert!(!out.join("ran").exists());
    // A hook file skiff cannot honour is refused by name.
    std::fs::remove_file(hooks.join("40-fail.json")).unwrap();
    hook(
        "50-bad.json",
        r#"{"always": true}"#,
        r#"["startContainer"]"#,
        "true",
    );
    let r = t.run(["--hooks-dir", hd, "run", "--rm", &image, "true"]);
    assert!(
        r.code != 0 && r.stderr.contains("50-bad.json"),
        "{}",
        r.describe()
    );
    t.ok(["rm", "-a", "-f"]);
    assert!(t.ok(["ps", "-aq"]).stdout.is_empty());
}
