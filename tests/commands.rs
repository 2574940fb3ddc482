//! podman's container and image commands beyond the run family: container clone, mount/unmount,
//! search, run --rootfs, --systemd, --sdnotify, CDI devices.

use crate::util::{registry, TestEnv};

fn img(name: &str) -> String {
    format!("{}/{name}:latest", registry())
}

#[test]
fn container_clone_copies_the_configuration_with_new_limits_name_and_image() {
    let t = TestEnv::new("cmd-clone");
    t.ok([
        "create",
        "--name",
        "orig",
        "-e",
        "GREETING=hi",
        "-l",
        "tier=web",
        "-v",
        "/data",
        &img("busybox"),
        "sh",
        "-c",
        "echo $GREETING $HOSTNAME; ls -d /data",
    ]);
    let orig_id = t.ok(["inspect", "--format", "{{.Id}}", "orig"]).stdout;
    // Default name NAME-clone, new id and host name, same env/labels/command, limits kept unless given.
    let id = t
        .ok([
            "container",
            "clone",
            "--memory",
            "64m",
            "--cpu-shares",
            "512",
            "orig",
        ])
        .stdout
        .trim()
        .to_string();
    assert_eq!(id.len(), 64);
    assert_ne!(id, orig_id.trim());
    let r = t.ok([
        "inspect",
        "--format",
        "{{.Name}} {{.Config.Labels.tier}} {{.HostConfig.Memory}} {{.HostConfig.CpuShares}}",
        &id,
    ]);
    assert_eq!(
        r.stdout,
        "orig-clone web 67108864 512\n",
        "{}",
        r.describe()
    );
    assert_eq!(
        t.ok(["inspect", "--format", "{{.HostConfig.Memory}}", "orig"])
            .stdout,
        "0\n"
    );
    // A second clone gets NAME-clone1 and runs as the original would, under its own host name.
    let second = t
        .ok(["container", "clone", "orig"])
        .stdout
        .trim()
        .to_string();
    assert_eq!(
        t.ok(["inspect", "--format", "{{.Name}}", &second]).stdout,
        "orig-clone1\n"
    );
    t.ok(["start", "--attach", "orig-clone1"]);
    let out = t.ok(["logs", "orig-clone1"]).stdout;
    assert_eq!(out, format!("hi {}\n/data\n", &second[..12]));
    // Anonymous volumes are the clone's own.
    let vols = |c: &str| {
        t.ok([
            "inspect",
            "--format",
            "{{range .Mounts}}{{.Name}}{{end}}",
            c,
        ])
        .stdout
    };
    assert_ne!(vols("orig"), vols("orig-clone1"));
    assert_eq!(vols("orig").trim().len(), 64);
    // Positional NAME and IMAGE; --destroy removes the original, --run starts the clone.
    t.ok([
        "container",
        "clone",
        "--destroy",
        "--run",
        "orig",
        "copy",
        &img("httpd"),
    ]);
    assert_eq!(t.run(["inspect", "orig"]).code, 125, "the original is gone");
    let r = t.ok(["wait", "copy"]);
    assert_eq!(
        r.stdout,
        "0\n",
        "{}",
        t.ok(["inspect", "--format", "{{json .State}}", "copy"])
            .stdout
            + &t.ok(["logs", "copy"]).stdout
            + &t.ok(["events", "--since", "0", "--until", "0"]).stdout
    );
    let r = t.ok([
        "inspect",
        "--format",
        "{{.ImageName}} {{.Config.Env}}",
        "copy",
    ]);
    assert!(r.stdout.starts_with(&img("httpd")), "{}", r.describe());
    assert!(r.stdout.contains("GREETING=hi"), "{}", r.describe());
    // Errors: --force without --destroy, an unknown container, a taken name.
    assert_eq!(t.run(["container", "clone", "-f", "copy"]).code, 125);
    let r = t.run(["container", "clone", "nosuch"]);
    assert_eq!(r.code, 125);
    assert!(
        r.stderr.contains("no container with name or ID \"nosuch\""),
        "{}",
        r.describe()
    );
    assert_eq!(
        t.run(["container", "clone", "copy", "orig-clone"]).code,
        125
    );
    t.ok(["rm", "-af", "-v"]);
}

#[test]
fn search_a_registry_catalog_and_list_tags() {
    let t = TestEnv::new("cmd-search");
    let reg = registry();
    let r = t.ok(["search", &format!("{reg}/busy")]);
    assert_eq!(
        r.stdout,
        format!(
            "NAME{}DESCRIPTION\n{reg}/busybox  \n",
            " ".repeat(reg.len() + 6)
        ),
        "{}",
        r.describe()
    );
    // REGISTRY/ lists everything the registry has; --limit, --format.
    // (more than podman's default limit of 25 repositories are there: the hostile fixtures)
    let all = t.ok([
        "search",
        &format!("{reg}/"),
        "--limit",
        "1000",
        "--format",
        "{{.Name}}",
    ]);
    let names: Vec<&str> = all.stdout.lines().collect();
    assert!(names.len() >= 5, "{}", all.describe());
    assert!(names.contains(&format!("{reg}/httpd").as_str()));
    let one = t.ok([
        "search",
        "--limit",
        "2",
        &format!("{reg}/"),
        "--format",
        "json",
    ]);
    let j = one.json();
    assert_eq!(j.as_array().unwrap().len(), 2);
    assert_eq!(j[0]["Index"], reg.as_str());
    // The tags of one repository.
    let r = t.ok([
        "search",
        "--list-tags",
        &format!("{reg}/busybox"),
        "--format",
        "{{.Tag}}",
    ]);
    assert_eq!(r.stdout, "latest\n");
    // Errors say what to do.
    let r = t.run(["search", "--filter", "color=red", &format!("{reg}/x")]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("stars=N"), "{}", r.describe());
    let r = t.run(["search", "--list-tags", &format!("{reg}/busybox:latest")]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("without a tag"), "{}", r.describe());
    let r = t.run(["search", "127.0.0.1:9/x"]);
    assert_eq!(r.code, 125);
    assert!(
        r.stderr.contains("cannot reach 127.0.0.1:9"),
        "{}",
        r.describe()
    );
}

#[test]
fn mount_a_container_inside_unshare_change_it_and_unmount() {
    let t = TestEnv::new("cmd-mount");
    t.ok(["create", "--name", "m1", &img("busybox"), "cat", "/added"]);
    if t.user.is_some() {
        // An ordinary user mounts inside `skiff unshare` (its mount namespace holds the mount).
        let r = t.run(["mount", "m1"]);
        assert_eq!(r.code, 125);
        assert!(r.stderr.contains("skiff unshare"), "{}", r.describe());
    }
    let bin = crate::util::skiff_bin().display().to_string();
    let script = format!(
        "set -e; m=$({bin} mount m1); test -d \"$m/bin\"; echo changed > \"$m/added\"; \
         {bin} mount; {bin} mount --format json | grep -c Mountpoint; {bin} unmount m1; \
         {bin} mount | wc -l"
    );
    let r = if t.user.is_some() {
        t.ok(["unshare", "sh", "-c", &script])
    } else {
        // root mounts on the host; the mount namespace of a private `unshare -m` keeps it ours.
        let out = t
            .bare_cmd("unshare")
            .args(["-m", "--propagation", "private", "sh", "-c"])
            .arg(&script)
            .env("SKIFF_ROOT", &t.root)
            .env("SKIFF_RUNROOT", &t.runroot)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        crate::util::Run::from(out)
    };
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", r.describe());
    assert!(lines[0].contains("/merged"), "{}", r.describe());
    assert_eq!(lines[1], "1");
    assert_eq!(lines[2].len(), 64, "unmount prints the id");
    assert_eq!(lines[3].trim(), "0", "nothing mounted at the end");
    // The change is the container's.
    let r = t.ok(["start", "--attach", "m1"]);
    assert_eq!(r.stdout, "changed\n");
    if t.user.is_some() {
        t.ok(["run", "-d", "--name", "r1", &img("busybox"), "sleep", "60"]);
        let r = t.run([
            "unshare",
            &crate::util::skiff_bin().display().to_string(),
            "mount",
            "r1",
        ]);
        assert_eq!(r.code, 125);
        assert!(r.stderr.contains("is running"), "{}", r.describe());
        t.ok(["rm", "-f", "-t", "0", "r1"]);
    }
    t.ok(["rm", "m1"]);
}

#[test]
fn mount_of_a_running_container_as_root_reaches_its_root() {
    let t = TestEnv::as_self("cmd-mount-root");
    if t.user.is_some() || !crate::util::is_root() {
        return; // (root only: the rootless refusal is in the test above)
    }
    t.ok([
        "run",
        "-d",
        "--name",
        "r1",
        &img("busybox"),
        "sh",
        "-c",
        "echo inside > /mark; sleep 60",
    ]);
    let p = t.ok(["mount", "r1"]).stdout.trim().to_string();
    assert!(p.starts_with("/proc/"), "{p}");
    let mut found = String::new();
    for _ in 0..100 {
        found = std::fs::read_to_string(format!("{p}/mark")).unwrap_or_default();
        if !found.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(found, "inside\n");
    t.ok(["rm", "-f", "-t", "0", "r1"]);
}

/// A root filesystem directory made of the host's static busybox.
fn busybox_rootfs(t: &TestEnv) -> std::path::PathBuf {
    let dir = t.dir.join("rootfs");
    std::fs::create_dir_all(dir.join("bin")).unwrap();
    std::fs::copy("/bin/busybox", dir.join("bin/busybox")).unwrap();
    for tool in ["sh", "cat", "echo", "ls"] {
        std::os::unix::fs::symlink("busybox", dir.join("bin").join(tool)).unwrap();
    }
    for d in ["etc", "proc", "dev", "sys", "tmp"] {
        std::fs::create_dir_all(dir.join(d)).unwrap();
    }
    if let Some(u) = &t.user {
        crate::util::chown_r(&dir, u.uid, u.gid);
    }
    dir
}

#[test]
fn run_from_a_rootfs_directory_with_and_without_an_overlay() {
    let t = TestEnv::new("cmd-rootfs");
    let dir = busybox_rootfs(&t);
    let d = dir.to_str().unwrap();
    // Without :O the directory is `/`, and writes land in it.
    let r = t.ok([
        "run",
        "--rm",
        "--rootfs",
        d,
        "/bin/sh",
        "-c",
        "echo kept > /written; cat /written",
    ]);
    assert_eq!(r.stdout, "kept\n");
    assert_eq!(
        std::fs::read_to_string(dir.join("written")).unwrap(),
        "kept\n"
    );
    // With :O an overlay takes the writes; the directory stays as it was.
    let r = t.ok([
        "run",
        "--rm",
        "--rootfs",
        &format!("{d}:O"),
        "/bin/sh",
        "-c",
        "echo gone > /other; cat /other /written",
    ]);
    assert_eq!(r.stdout, "gone\nkept\n");
    assert!(!dir.join("other").exists());
    // The record names the directory; no command is an error naming the fix.
    t.ok(["create", "--name", "fromdir", "--rootfs", d, "/bin/true"]);
    assert_eq!(
        t.ok(["ps", "-a", "--format", "{{.Image}}"]).stdout.trim(),
        d
    );
    t.ok(["rm", "fromdir"]);
    let r = t.run(["run", "--rm", "--rootfs", d]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("no command"), "{}", r.describe());
    let r = t.run(["run", "--rm", "--rootfs", "/nonexistent", "sh"]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("not a directory"), "{}", r.describe());
}

#[test]
fn systemd_mode_mounts_tmpfs_and_stops_with_sigrtmin_3() {
    let t = TestEnv::new("cmd-systemd");
    let show =
        "grep -cE ' /(run|run/lock|tmp|var/lib/journal) tmpfs' /proc/mounts; echo $container";
    let r = t.ok([
        "run",
        "--rm",
        "--systemd",
        "always",
        &img("busybox"),
        "sh",
        "-c",
        show,
    ]);
    assert_eq!(r.stdout, "4\nskiff\n", "{}", r.describe());
    let r = t.ok(["run", "--rm", &img("busybox"), "sh", "-c", show]);
    assert_eq!(r.stdout, "0\nskiff\n", "not systemd: nothing added");
    t.ok([
        "create",
        "--name",
        "sd",
        "--systemd",
        "always",
        &img("busybox"),
        "sleep",
        "60",
    ]);
    assert_eq!(
        t.ok(["inspect", "--format", "{{.Config.StopSignal}}", "sd"])
            .stdout,
        "SIGRTMIN+3\n"
    );
    t.ok(["start", "sd"]);
    t.ok(["stop", "-t", "2", "sd"]);
    t.ok(["rm", "sd"]);
    let r = t.run([
        "run",
        "--rm",
        "--systemd",
        "sometimes",
        &img("busybox"),
        "true",
    ]);
    assert_eq!(r.code, 125);
    let r = t.run(["kill", "--signal", "RTMIN+99", "nosuch"]);
    assert!(r.stderr.contains("invalid signal"), "{}", r.describe());
}

#[test]
fn sdnotify_tells_systemd_when_the_container_is_ready() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestEnv::new("cmd-sdnotify");
    let sock_path = t.dir.join("notify.sock");
    let sock = std::os::unix::net::UnixDatagram::bind(&sock_path).unwrap();
    std::fs::set_permissions(&sock_path, std::fs::Permissions::from_mode(0o777)).unwrap();
    sock.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    let recv = || {
        let mut buf = [0u8; 256];
        let n = sock.recv(&mut buf).expect("a READY=1 message");
        String::from_utf8_lossy(&buf[..n]).into_owned()
    };
    let run = |args: &[&str]| {
        let out = t
            .cmd(args)
            .env("NOTIFY_SOCKET", &sock_path)
            .output()
            .unwrap();
        let r = crate::util::Run::from(out);
        assert_eq!(r.code, 0, "{}", r.describe());
        r
    };
    // conmon (the default): skiff says READY=1 with the supervisor as MAINPID.
    run(&["run", "-d", "--name", "n1", &img("busybox"), "sleep", "60"]);
    let msg = recv();
    assert!(msg.contains("READY=1") && msg.contains("MAINPID="), "{msg}");
    // healthy: only once the healthcheck passes.
    run(&[
        "run",
        "-d",
        "--name",
        "n2",
        "--sdnotify",
        "healthy",
        "--health-cmd",
        "true",
        "--health-interval",
        "1s",
        &img("busybox"),
        "sleep",
        "60",
    ]);
    assert!(recv().contains("READY=1"));
    assert_eq!(
        t.ok(["inspect", "--format", "{{.State.Health.Status}}", "n2"])
            .stdout,
        "healthy\n"
    );
    // container: the container gets the socket and speaks for itself.
    let r = run(&[
        "run",
        "--rm",
        "--sdnotify",
        "container",
        &img("busybox"),
        "sh",
        "-c",
        "test -S \"$NOTIFY_SOCKET\" && echo $NOTIFY_SOCKET",
    ]);
    assert_eq!(r.stdout, "/run/notify/notify.sock\n");
    t.ok(["rm", "-f", "-t", "0", "n1", "n2"]);
    assert_eq!(
        t.run(["run", "--sdnotify", "loud", &img("busybox"), "true"])
            .code,
        125
    );
}

#[test]
fn cdi_devices_add_nodes_mounts_and_environment() {
    let t = TestEnv::new("cmd-cdi");
    let cdi = t.dir.join("cdi");
    std::fs::create_dir_all(&cdi).unwrap();
    let data = t.dir.join("vendor-data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("lib.so"), "x").unwrap();
    std::fs::write(
        cdi.join("example.json"),
        format!(
            r#"{{"cdiVersion":"0.6.0","kind":"example.com/gpu","containerEdits":{{"env":["VENDOR=example"]}},
            "devices":[{{"name":"one","containerEdits":{{"env":["GPU=one"],
            "deviceNodes":[{{"path":"/dev/gpu0","hostPath":"/dev/null"}}],
            "mounts":[{{"hostPath":"{}","containerPath":"/vendor","options":["ro","bind"]}}]}}}}]}}"#,
            data.display()
        ),
    )
    .unwrap();
    let conf = t.dir.join("containers.conf");
    std::fs::write(
        &conf,
        format!("[engine]\ncdi_spec_dirs = [\"{}\"]\n", cdi.display()),
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.dir, u.uid, u.gid);
    }
    let run = |args: &[&str]| {
        crate::util::Run::from(t.cmd(args).env("CONTAINERS_CONF", &conf).output().unwrap())
    };
    let r = run(&[
        "run", "--rm", "--device", "example.com/gpu=one", &img("busybox"), "sh", "-c",
        "test -c /dev/gpu0 && echo $VENDOR $GPU && ls /vendor && touch /vendor/x 2>/dev/null || echo ro",
    ]);
    assert_eq!(r.stdout, "example one\nlib.so\nro\n", "{}", r.describe());
    let r = run(&[
        "run",
        "--rm",
        "--device",
        "example.com/gpu=two",
        &img("busybox"),
        "true",
    ]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("known: one"), "{}", r.describe());
    let r = run(&["run", "--rm", "--gpus", "all", &img("busybox"), "true"]);
    assert_eq!(r.code, 125);
    assert!(
        r.stderr.contains("nvidia.com/gpu=all") && r.stderr.contains("nvidia-ctk"),
        "{}",
        r.describe()
    );
}
