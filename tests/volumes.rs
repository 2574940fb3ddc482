//! Bind mounts, named and anonymous volumes, tmpfs mounts, as the unprivileged user: owners on
//! the host, read-only enforcement, copy-up from the image, data outliving containers, in-use
//! refusal, and targets resolved inside the rootfs.

use std::os::unix::fs::MetadataExt;

use crate::util::{chown_r, registry, TestEnv};

fn img(name: &str) -> String {
    format!("{}/{name}:latest", registry())
}

fn host_dir(t: &TestEnv, name: &str) -> std::path::PathBuf {
    let d = t.home.join(name);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("f"), "from-host\n").unwrap();
    let u = t.user.as_ref().unwrap();
    chown_r(&d, u.uid, u.gid);
    d
}

#[test]
fn bind_mounts_keep_your_ownership_and_read_only_holds() {
    let t = TestEnv::new("vol-bind");
    let me = t.user.as_ref().unwrap().uid;
    let src = host_dir(&t, "src");
    let s = src.to_str().unwrap();
    let r = t.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        &format!("{s}:/src"),
        "-w",
        "/src",
        &img("busybox"),
        "sh",
        "-c",
        "cat f; echo made > new",
    ]);
    assert_eq!(r.stdout, "from-host\n");
    assert_eq!(std::fs::metadata(src.join("new")).unwrap().uid(), me);
    // keep-id: your uid inside, your files outside.
    let r = t.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "--userns=keep-id",
        "-v",
        &format!("{s}:/src"),
        &img("busybox"),
        "sh",
        "-c",
        "id -u; touch /src/kid",
    ]);
    assert_eq!(r.stdout.trim(), me.to_string());
    assert_eq!(std::fs::metadata(src.join("kid")).unwrap().uid(), me);
    // Read-only: -v :ro, --mount readonly, and a single file.
    let r = t.run([
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        &format!("{s}:/ro:ro"),
        "--mount",
        &format!("type=bind,source={s}/f,target=/etc/f,readonly"),
        &img("busybox"),
        "sh",
        "-c",
        "cat /etc/f; echo x > /ro/x || echo refused-dir; echo x > /etc/f || echo refused-file",
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(
        r.stdout,
        "from-host\nrefused-dir\nrefused-file\n",
        "{}",
        r.describe()
    );
    assert!(!src.join("x").exists());
    // tmpfs through --mount.
    let r = t.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "--mount",
        "type=tmpfs,target=/scratch,tmpfs-size=1m",
        &img("busybox"),
        "sh",
        "-c",
        "grep ' /scratch ' /proc/mounts | cut -d' ' -f3,4",
    ]);
    assert!(
        r.stdout.starts_with("tmpfs ") && r.stdout.contains("size=1024k"),
        "{}",
        r.describe()
    );
}

#[test]
fn named_volumes_fill_from_the_image_outlive_containers_and_refuse_removal_in_use() {
    let t = TestEnv::new("vol-named");
    // A new volume takes the image's content at its path (httpd has /var/www/index.html).
    let r = t.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        "site:/var/www",
        &img("httpd"),
        "sh",
        "-c",
        "ls /var/www; echo kept > /var/www/state",
    ]);
    assert_eq!(r.stdout, "index.html\n");
    // The data outlives the container, in another one.
    let r = t.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "--mount",
        "type=volume,source=site,target=/data",
        &img("busybox"),
        "cat",
        "/data/state",
    ]);
    assert_eq!(r.stdout, "kept\n");
    // Owners come along: busybox's /home/app belongs to 1000.
    let r = t.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        "apphome:/home/app",
        &img("busybox"),
        "sh",
        "-c",
        "ls -ldn /home/app | awk '{print $3\":\"$4}'",
    ]);
    assert_eq!(r.stdout, "1000:1000\n", "{}", r.describe());
    t.ok(["volume", "rm", "apphome"]);
    // create / ls / inspect / filters.
    t.ok(["volume", "create", "--label", "team=db", "dbdata"]);
    let again = t.run(["volume", "create", "dbdata"]);
    assert_eq!(again.code, 125, "{}", again.describe());
    assert_eq!(t.ok(["volume", "ls", "-q"]).stdout, "dbdata\nsite\n");
    assert_eq!(
        t.ok(["volume", "ls", "-q", "--filter", "label=team=db"])
            .stdout,
        "dbdata\n"
    );
    let ls = t.ok(["volume", "ls"]).stdout;
    assert!(
        ls.starts_with("DRIVER") && ls.contains("VOLUME NAME"),
        "{ls}"
    );
    let mp = t
        .ok(["volume", "inspect", "--format", "{{.Mountpoint}}", "site"])
        .stdout;
    assert!(mp.trim().ends_with("volumes/site/_data"), "{mp}");
    let j = t.ok(["volume", "inspect", "dbdata"]).json();
    assert_eq!(j[0]["Labels"]["team"], "db");
    // In use (even by a stopped container): refused; free again after the container goes.
    t.ok([
        "create",
        "--name",
        "user",
        "-v",
        "dbdata:/db",
        &img("busybox"),
        "true",
    ]);
    let r = t.run(["volume", "rm", "dbdata"]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("in use") && r.stderr.contains("user"),
        "{}",
        r.describe()
    );
    assert_eq!(
        t.ok(["volume", "ls", "-q", "--filter", "dangling=true"])
            .stdout,
        "site\n"
    );
    t.ok(["rm", "user"]);
    t.ok(["volume", "rm", "dbdata"]);
    assert_eq!(t.ok(["volume", "prune", "-f"]).stdout, "site\n");
    assert_eq!(t.ok(["volume", "ls", "-q"]).stdout, "");
}

#[test]
fn image_volumes_get_anonymous_volumes_removed_with_rm_v() {
    let t = TestEnv::new("vol-anon");
    t.ok([
        "run",
        "--name",
        "keeper",
        "--network",
        "none",
        &img("nettools"),
        "sh",
        "-c",
        "grep -c ' /srv/data ' /proc/mounts; echo x > /srv/data/x",
    ]);
    let names = t.ok(["volume", "ls", "-q"]).stdout;
    assert_eq!(names.lines().count(), 1, "{names}");
    let anon = t
        .ok([
            "volume",
            "inspect",
            "--format",
            "{{.Anonymous}}",
            names.trim(),
        ])
        .stdout;
    assert_eq!(anon.trim(), "true");
    // --volumes-from sees the same data (read-only when asked).
    let r = t.run([
        "run",
        "--rm",
        "--network",
        "none",
        "--volumes-from",
        "keeper:ro",
        &img("busybox"),
        "sh",
        "-c",
        "cat /srv/data/x; echo y > /srv/data/y || echo refused",
    ]);
    assert_eq!(r.stdout, "x\nrefused\n", "{}", r.describe());
    // rm -v takes it (no other container uses it).
    t.ok(["rm", "-v", "keeper"]);
    assert_eq!(t.ok(["volume", "ls", "-q"]).stdout, "");
    // --rm takes it too; a named volume at the same path replaces the anonymous one.
    t.ok(["run", "--rm", "--network", "none", &img("nettools"), "true"]);
    t.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        "named:/srv/data",
        &img("nettools"),
        "true",
    ]);
    assert_eq!(t.ok(["volume", "ls", "-q"]).stdout, "named\n");
}

#[test]
fn bad_mounts_are_refused_and_targets_stay_inside() {
    let t = TestEnv::new("vol-bad");
    let cases: &[(&[&str], &str)] = &[
        (&["-v", "./rel:/x"], "absolute"),
        (&["-v", "/no/such/dir/anywhere:/x"], "create it first"),
        (&["-v", "v:/proc/x"], "/proc"),
        (&["-v", "v:/dev"], "/dev"),
        (&["-v", "a:/x", "-v", "b:/x"], "duplicate mount destination"),
        (&["-v", "v:/x:X"], "\"X\""),
        (&["-v", "v:/x:O"], "host directory"),
        (&["--mount", "type=bind,target=/x"], "source="),
    ];
    for (flags, want) in cases {
        let mut args = vec!["run", "--rm", "--network", "none"];
        args.extend_from_slice(flags);
        let image = img("busybox");
        args.extend_from_slice(&[&image, "true"]);
        let r = t.run(args);
        assert_eq!(r.code, 125, "{flags:?}: {}", r.describe());
        assert!(r.stderr.contains(want), "{flags:?}: {}", r.describe());
    }
    // A target behind an image symlink to a host path is created inside the rootfs.
    let r = t.run([
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        "esc:/evil/vol-escape-check",
        &img("escape"),
        "true",
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(!std::path::Path::new("/tmp/skiff-escape-target/vol-escape-check").exists());
}

#[test]
fn chown_overlay_and_propagation_options() {
    let t = TestEnv::new("vol-opts");
    let src = host_dir(&t, "owned");
    let s = src.to_str().unwrap();
    // :U gives the tree to the container's user (1000 here), read-only still holds after it.
    let r = t.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "-u",
        "1000:1000",
        "-v",
        &format!("{s}:/u:U,ro"),
        &img("busybox"),
        "sh",
        "-c",
        "ls -ln /u/f | awk '{print $3\":\"$4}'; echo x > /u/x || echo refused",
    ]);
    assert_eq!(r.stdout, "1000:1000\nrefused\n", "{}", r.describe());
    // On the host that is the subordinate id the mapping gives container 1000.
    assert_eq!(
        std::fs::metadata(src.join("f")).unwrap().uid(),
        200000 + 999
    );

    // :O: writes land in a scratch upper dir and never reach the host.
    let ov = host_dir(&t, "lower");
    let o = ov.to_str().unwrap();
    let r = t.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        &format!("{o}:/o:O"),
        &img("busybox"),
        "sh",
        "-c",
        "echo changed > /o/f; touch /o/new; cat /o/f; ls /o | tr '\\n' ' '",
    ]);
    assert_eq!(r.stdout, "changed\nf new ", "{}", r.describe());
    assert_eq!(
        std::fs::read_to_string(ov.join("f")).unwrap(),
        "from-host\n"
    );
    assert!(!ov.join("new").exists());

    // Propagation: rshared is set on the mount inside the container.
    let r = t.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "--mount",
        &format!("type=bind,source={o},target=/p,bind-propagation=rshared"),
        &img("busybox"),
        "sh",
        "-c",
        "grep ' /p ' /proc/self/mountinfo",
    ]);
    assert!(r.stdout.contains(" shared:"), "{}", r.describe());
}
