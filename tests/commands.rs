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
    assert_eq!(r.stdout, "0\n");
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
    let all = t.ok(["search", &format!("{reg}/"), "--format", "{{.Name}}"]);
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
