//! Images from containers and tarballs: commit, export, import, diff; checked by podman where it
//! is installed (the committed image pushed, then run by podman).

use std::process::Command;

use crate::util::{registry, TestEnv};

fn img(name: &str) -> String {
    format!("{}/{name}:latest", registry())
}

const CHANGES: &str = "rm /bin/ls; rm -rf /etc; mkdir /etc; touch /etc/fresh; mkdir /data; \
     echo kept > /data/f; chown 1:2 /data/f; chmod 640 /data/f";

#[test]
fn commit_diff_export_import_keep_deletions_owners_and_modes() {
    let t = TestEnv::new("commit");
    t.ok(["run", "--name", "c1", &img("busybox"), "sh", "-c", CHANGES]);
    let d = t.ok(["diff", "c1"]).stdout;
    for line in [
        "D /bin/ls",
        "A /data/f",
        "C /etc",
        "A /etc/fresh",
        "D /etc/passwd",
    ] {
        assert!(d.lines().any(|l| l == line), "{line} in:\n{d}");
    }
    let j = t.ok(["diff", "--format", "json", "c1"]).json();
    assert!(
        j["deleted"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v == "/bin/ls"),
        "{j}"
    );
    let id = t
        .ok([
            "commit",
            "-q",
            "-m",
            "my change",
            "-a",
            "tester",
            "--change",
            "CMD=cat /data/f",
            "--change",
            "ENV=STAGE=committed",
            "c1",
            "committed:v1",
        ])
        .stdout
        .trim()
        .to_string();
    assert_eq!(id.len(), 64);
    // The image runs the new command, sees the file gone, the dir replaced, owners kept.
    assert_eq!(t.ok(["run", "--rm", "committed:v1"]).stdout, "kept\n");
    let r = t.ok([
        "run", "--rm", "committed:v1", "sh", "-c",
        "test -e /bin/ls || echo no-ls; test -e /etc/passwd || echo no-passwd; test -e /etc/fresh && echo fresh; \
         stat -c %u:%g:%a /data/f; echo $STAGE",
    ]);
    assert_eq!(
        r.stdout,
        "no-ls\nno-passwd\nfresh\n1:2:640\ncommitted\n",
        "{}",
        r.describe()
    );
    let h = t
        .ok([
            "image",
            "history",
            "--format",
            "{{.Comment}}",
            "committed:v1",
        ])
        .stdout;
    assert!(h.contains("my change"), "{h}");
    assert_eq!(
        t.ok(["diff", "committed:v1"])
            .stdout
            .lines()
            .filter(|l| *l == "D /bin/ls")
            .count(),
        1
    );
    // Two images: what changed from the base to the committed one.
    let d2 = t.ok(["diff", &img("busybox"), "committed:v1"]).stdout;
    for line in [
        "C /bin",
        "D /bin/ls",
        "A /data/f",
        "A /etc/fresh",
        "D /etc/passwd",
    ] {
        assert!(d2.lines().any(|l| l == line), "{line} in:\n{d2}");
    }
    // Export keeps owners and modes as the container sees them; import makes them an image again.
    let tar = t.dir.join("c1.tar");
    t.ok(["export", "-o", tar.to_str().unwrap(), "c1"]);
    let listing = String::from_utf8(
        Command::new("tar")
            .arg("tvf")
            .arg(&tar)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        listing
            .lines()
            .any(|l| l.starts_with("-rw-r----- 1/2") && l.ends_with("data/f")),
        "{listing}"
    );
    assert!(
        !listing
            .lines()
            .any(|l| l.ends_with(" bin/ls") || l.contains(" bin/ls ")),
        "the deleted file is not exported: {:?}",
        listing
            .lines()
            .filter(|l| l.contains("bin/ls"))
            .collect::<Vec<_>>()
    );
    let iid = t
        .ok([
            "import",
            "--change",
            "CMD=/bin/sh",
            "-m",
            "imported",
            tar.to_str().unwrap(),
            "imported:v1",
        ])
        .stdout
        .trim()
        .to_string();
    assert_eq!(iid.len(), 64);
    assert_eq!(
        t.ok([
            "run",
            "--rm",
            "imported:v1",
            "stat",
            "-c",
            "%u:%g:%a",
            "/data/f"
        ])
        .stdout,
        "1:2:640\n"
    );
    assert_eq!(
        t.ok([
            "image",
            "inspect",
            "--format",
            "{{json .Config.Cmd}}",
            "imported:v1"
        ])
        .stdout
        .trim(),
        r#"["/bin/sh","-c","/bin/sh"]"#
    );
    // The same tarball from a URL, gzipped.
    let served = t.dir.join("www");
    std::fs::create_dir_all(&served).unwrap();
    let gz = Command::new("gzip")
        .arg("-c")
        .arg(&tar)
        .output()
        .unwrap()
        .stdout;
    std::fs::write(served.join("rootfs.tar.gz"), gz).unwrap();
    let port = crate::util::free_port();
    let mut http = Command::new("python3")
        .args([
            "-m",
            "http.server",
            "--bind",
            "127.0.0.1",
            &port.to_string(),
        ])
        .current_dir(&served)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let r = t.run([
        "import",
        &format!("http://127.0.0.1:{port}/rootfs.tar.gz"),
        "fromurl:v1",
    ]);
    let _ = http.kill();
    let _ = http.wait();
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(
        t.ok(["run", "--rm", "fromurl:v1", "cat", "/data/f"]).stdout,
        "kept\n"
    );
    // Bad input: a file that is not a tar; a running container with --pause=false.
    let junk = t.dir.join("junk");
    std::fs::write(&junk, b"not a tarball at all, just words").unwrap();
    let r = t.run(["import", junk.to_str().unwrap()]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(r.stderr.contains("not a tar"), "{}", r.describe());
    t.ok([
        "run",
        "-d",
        "--name",
        "busy",
        &img("busybox"),
        "sh",
        "-c",
        "echo x > /made; sleep 60",
    ]);
    let r = t.run(["commit", "--pause=false", "busy", "x:v1"]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("is running"), "{}", r.describe());
    // Paused (the default), a running container commits, and keeps running.
    std::thread::sleep(std::time::Duration::from_millis(300));
    t.ok(["commit", "-q", "busy", "running:v1"]);
    assert_eq!(
        t.ok(["run", "--rm", "running:v1", "cat", "/made"]).stdout,
        "x\n"
    );
    assert!(t
        .ok(["ps", "--format", "{{.Names}}"])
        .stdout
        .contains("busy"));
    t.ok(["rm", "-f", "-t", "0", "busy", "c1"]);
}

#[test]
fn a_committed_image_pushed_runs_under_podman() {
    let have = Command::new("sh")
        .args(["-c", "command -v podman"])
        .output()
        .map(|o| o.status.success());
    if !have.unwrap_or(false) || !crate::util::is_root() {
        eprintln!("podman not installed (or not root): skipped");
        return;
    }
    let t = TestEnv::new("commit-podman");
    t.ok(["run", "--name", "c1", &img("busybox"), "sh", "-c", CHANGES]);
    let dest = format!("{}/committed/c-{}:v1", registry(), std::process::id());
    t.ok(["commit", "-q", "c1", &dest]);
    t.ok(["push", "-q", &dest]);
    let p = t.dir.join("podman");
    // (podman refuses a runroot path longer than 50 characters)
    let run = tempfile::Builder::new()
        .prefix("pr")
        .tempdir_in("/tmp")
        .unwrap();
    let out = Command::new("podman")
        .arg("--root").arg(&p).arg("--runroot").arg(run.path())
        .args(["--storage-driver", "vfs", "--cgroup-manager", "cgroupfs", "run", "--rm", "--tls-verify=false"])
        .args(["--cgroups=disabled", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", &dest, "sh", "-c"])
        .arg("test -e /bin/ls || echo no-ls; ls /etc | grep -c passwd; test -e /etc/fresh && echo fresh; stat -c %u:%g:%a /data/f")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        "no-ls\n0\nfresh\n1:2:640\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    t.ok(["rm", "c1"]);
}

#[test]
fn commit_squash_makes_one_layer_and_include_volumes_keeps_mount_points() {
    let t = TestEnv::new("commit-squash");
    t.ok([
        "run",
        "--name",
        "c",
        "-v",
        "/vol",
        &img("busybox"),
        "sh",
        "-c",
        "echo s > /squashed; rm /bin/ls",
    ]);
    t.ok([
        "commit",
        "-q",
        "--squash",
        "--include-volumes",
        "c",
        "sq:v1",
    ]);
    let r = t.ok([
        "image",
        "inspect",
        "--format",
        "{{len .RootFS.Layers}} {{json .Config.Volumes}}",
        "sq:v1",
    ]);
    assert_eq!(r.stdout, "1 {\"/vol\":{}}\n", "{}", r.describe());
    let r = t.ok([
        "run",
        "--rm",
        "sq:v1",
        "sh",
        "-c",
        "cat /squashed; test -e /bin/ls || echo gone",
    ]);
    assert_eq!(r.stdout, "s\ngone\n");
    t.ok(["rm", "-v", "c"]);
}
