//! User namespace choices: --userns=keep-id and --uidmap/--gidmap, with image owners intact (the
//! layers are copied with moved owners once per mapping) and your own id where you expect it.

use std::os::unix::fs::MetadataExt;

use crate::util::{registry, TestEnv};

fn img(name: &str) -> String {
    format!("{}/{name}:latest", registry())
}

#[test]
fn keep_id_keeps_your_ids_and_the_image_owners() {
    let t = TestEnv::new("userns-keep-id");
    let me = t.user.as_ref().unwrap().uid;
    let id = t
        .ok([
            "run",
            "--name",
            "kid",
            "--network",
            "none",
            "--userns=keep-id",
            &img("layers"),
            "sh",
            "-c",
            "id -u; id -g; ls -ldn / /bin/busybox /owned /nobody-file | awk '{print $3\":\"$4\" \"$NF}'; \
             ls /data /opq | tr '\\n' ' '; echo; touch /tmp/mine",
        ])
        .stdout;
    let lines: Vec<&str> = id.lines().collect();
    assert_eq!(lines[0], me.to_string(), "{id}");
    assert_eq!(lines[1], t.user.as_ref().unwrap().gid.to_string(), "{id}");
    // Owners as in the image; / belongs to the container's root.
    assert!(id.contains("0:0 /\n"), "{id}");
    assert!(id.contains("0:0 /bin/busybox\n"), "{id}");
    assert!(id.contains("1000:1000 /owned\n"), "{id}");
    assert!(id.contains("65534:65534 /nobody-file\n"), "{id}");
    // Whiteouts and opaque dirs still apply in the copied layers.
    assert!(!id.contains(" a ") && id.contains("opq"), "{id}");
    assert!(id.contains("b hard keep link"), "{id}");
    // What you create inside is yours on the host.
    let cid = t
        .ok(["inspect", "--format", "{{.Id}}", "kid"])
        .stdout
        .trim()
        .to_string();
    let mine = t.root.join("containers").join(&cid).join("upper/tmp/mine");
    assert_eq!(
        std::fs::symlink_metadata(&mine)
            .unwrap_or_else(|e| panic!("{}: {e}", mine.display()))
            .uid(),
        me
    );
    // A second container with the same mapping reuses the copies.
    let r = t.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "--userns=keep-id",
        &img("layers"),
        "cat",
        "/data/b",
    ]);
    assert_eq!(r.stdout, "b\n");
    let copies = std::fs::read_dir(t.root.join("layers"))
        .unwrap()
        .filter_map(|e| std::fs::read_dir(e.ok()?.path().join("mapped")).ok())
        .map(|d| d.count())
        .collect::<Vec<_>>();
    assert!(
        !copies.is_empty() && copies.iter().all(|n| *n == 1),
        "{copies:?}"
    );
    t.ok(["rm", "kid"]);
}

#[test]
fn uidmap_and_gidmap_place_the_ids() {
    let t = TestEnv::new("userns-uidmap");
    let me = t.user.as_ref().unwrap().uid;
    let maps = [
        "--uidmap",
        "0:1:1000",
        "--uidmap",
        "1000:0:1",
        "--uidmap",
        "1001:1001:2000",
        "--gidmap",
        "0:1:1000",
        "--gidmap",
        "1000:0:1",
        "--gidmap",
        "1001:1001:2000",
    ];
    let mut args = vec!["run", "--rm", "--network", "none"];
    args.extend_from_slice(&maps);
    let image = img("layers");
    args.extend_from_slice(&[
        &image,
        "sh",
        "-c",
        "cat /proc/self/uid_map; ls -ln /bin/busybox /owned | awk '{print $3\":\"$4}'",
    ]);
    let r = t.ok(args);
    let rows: Vec<Vec<u64>> = r
        .stdout
        .lines()
        .take(3)
        .map(|l| l.split_whitespace().map(|x| x.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows[0], vec![0, 200000, 1000], "{}", r.describe());
    assert_eq!(rows[1], vec![1000, me as u64, 1], "{}", r.describe());
    assert_eq!(rows[2], vec![1001, 201000, 2000], "{}", r.describe());
    assert!(r.stdout.ends_with("0:0\n1000:1000\n"), "{}", r.describe());
}

#[test]
fn userns_errors_say_what_to_do() {
    let t = TestEnv::new("userns-errors");
    let r = t.run([
        "run",
        "--rm",
        "--uidmap",
        "0:1:65536",
        &img("busybox"),
        "true",
    ]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(r.stderr.contains("HOST_ID 0"), "{}", r.describe());
    let r = t.run(["run", "--rm", "--uidmap", "0:x:1", &img("busybox"), "true"]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("CONTAINER_ID:HOST_ID:SIZE"),
        "{}",
        r.describe()
    );
    let r = t.run(["run", "--rm", "--userns=auto", &img("busybox"), "true"]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(r.stderr.contains("keep-id"), "{}", r.describe());
    // Without a subordinate range there is nothing to put below and above your id.
    let n = TestEnv::as_user("userns-nosub", "skiff-nosub");
    let r = n.run(["run", "--rm", "--userns=keep-id", &img("busybox"), "true"]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("subordinate id range"),
        "{}",
        r.describe()
    );
}

/// Where the kernel refuses native overlay, skiff mounts with fuse-overlayfs. This kernel allows
/// native overlay, so the test forces the fallback with SKIFF_OVERLAY.
#[test]
fn fuse_overlayfs_fallback_serves_the_image_and_goes_away() {
    let t = TestEnv::new("userns-fuse");
    let run = |args: &[&str]| {
        crate::util::Run::from(
            t.cmd(args)
                .env("SKIFF_OVERLAY", "fuse-overlayfs")
                .output()
                .unwrap(),
        )
    };
    let image = img("layers");
    let r = run(&[
        "run",
        "--rm",
        "--network",
        "none",
        &image,
        "sh",
        "-c",
        "grep ' / ' /proc/mounts | cut -d' ' -f3; ls /data /opq | tr '\\n' ' '; echo; \
         ls -ln /owned | awk '{print $3}'; echo new > /data/new; cat /data/new; ps -o comm | grep -c fuse || true",
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "fuse.fuse-overlayfs", "{}", r.describe());
    // Whiteouts and opaque dirs of the layers apply; owners as in the image.
    assert!(
        lines[1].contains("b hard keep link") && lines[1].contains("/opq: z"),
        "{}",
        r.describe()
    );
    assert_eq!(lines[2], "1000", "{}", r.describe());
    assert_eq!(lines[3], "new", "{}", r.describe());
    // The daemon is not a process of the container.
    assert_eq!(lines[4], "0", "{}", r.describe());
    // With keep-id too, and the daemon stops with the container.
    let r = run(&[
        "run",
        "-d",
        "--name",
        "fz",
        "--network",
        "none",
        "--userns=keep-id",
        &image,
        "sleep",
        "100",
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let daemons = || {
        std::process::Command::new("pgrep")
            .args(["-f", &format!("fuse-overlayfs.*{}", t.root.display())])
            .output()
            .unwrap()
            .stdout
            .len()
    };
    assert!(daemons() > 0, "no fuse-overlayfs while the container runs");
    let r = run(&["rm", "-f", "fz"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while daemons() > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "fuse-overlayfs outlived its container"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// keep-id adds you to the container's /etc/passwd and /etc/group (name, group and home from the
/// host) where the image has no such ids, so `id -un`, `whoami` and $HOME work; an image that
/// already has your id keeps its own entry.
#[test]
fn keep_id_adds_your_account_where_the_image_has_none() {
    let t = TestEnv::new("userns-keep-id-passwd");
    let me = t.user.as_ref().unwrap();
    let r = t.run([
        "run",
        "--rm",
        "--network",
        "none",
        "--userns=keep-id",
        &img("busybox"),
        "sh",
        "-c",
        "id -un; id -gn; echo $HOME; grep -c \"^$(id -un):\" /etc/passwd",
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    // Name, group and home as the host has them.
    let field = |file: &str, id: u32, n: usize| -> String {
        std::fs::read_to_string(file)
            .unwrap()
            .lines()
            .map(|l| l.split(':').map(str::to_string).collect::<Vec<_>>())
            .find(|f| f.get(2).map(String::as_str) == Some(id.to_string().as_str()))
            .and_then(|f| f.get(n).cloned())
            .unwrap_or_else(|| panic!("no id {id} in {file}"))
    };
    let (group, home) = (
        field("/etc/group", me.gid, 0),
        field("/etc/passwd", me.uid, 5),
    );
    assert_eq!(
        r.stdout,
        format!("{}\n{group}\n{home}\n1\n", me.name),
        "{}",
        r.describe()
    );
    // uid=1000 is the image's `app`: its entry stays, none is added.
    let r = t.run([
        "run",
        "--rm",
        "--network",
        "none",
        "--userns=keep-id:uid=1000,gid=1000",
        &img("busybox"),
        "sh",
        "-c",
        "id -un; grep -c ':1000:' /etc/passwd",
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(r.stdout, "app\n1\n", "{}", r.describe());
}

/// Containers with the store's mapping share one user namespace, made once (as podman's pause
/// process): newuidmap and newgidmap do not run per container. Its holder comes back when
/// killed; a container with its own --uidmap makes its own; mount, pid and network namespaces
/// stay each container's own.
#[test]
fn containers_share_the_stores_user_namespace() {
    let t = TestEnv::new("userns-shared");
    if t.user.is_none() {
        return; // root maps its ids directly: nothing is shared
    }
    let image = img("busybox");
    let script = "for n in user mnt pid net; do readlink /proc/self/ns/$n; done; \
                  cat /proc/self/uid_map";
    let ns = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&[image.as_str(), "sh", "-c", script]);
        t.ok(args).stdout.lines().map(str::to_string).collect()
    };
    // A detached container and a --rm one beside it (namespace numbers are reused once freed:
    // compared while both exist).
    t.ok([
        "run",
        "-d",
        "--name",
        "bg",
        "--network",
        "none",
        &image,
        "sleep",
        "100",
    ]);
    let bg_ns = |n: &str| {
        t.ok(["exec", "bg", "readlink", &format!("/proc/self/ns/{n}")])
            .stdout
            .trim()
            .to_string()
    };
    let a: Vec<String> = ["user", "mnt", "pid", "net"]
        .iter()
        .map(|n| bg_ns(n))
        .collect();
    let b = ns(&[]);
    assert_eq!(a[0], b[0], "one user namespace:\n{a:?}\n{b:?}");
    for i in 1..4 {
        assert_ne!(a[i], b[i], "namespace {i} is each container's own");
    }
    // The store's mapping: root = you, then the subordinate range.
    let me = t.user.as_ref().unwrap().uid.to_string();
    assert_eq!(
        b[4].split_whitespace().take(2).collect::<Vec<_>>(),
        ["0", me.as_str()]
    );
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.runroot.join("userns/pause.json")).unwrap())
            .unwrap();
    let pid = state["pid"].as_i64().unwrap() as i32;
    assert_eq!(
        std::fs::read_link(format!("/proc/{pid}/ns/user"))
            .unwrap()
            .to_string_lossy(),
        a[0]
    );
    // A killed holder is made again by the next start; the running container keeps its
    // namespace.
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    let c = ns(&["--network", "none"]);
    assert_ne!(c[0], a[0], "a new holder, a new namespace");
    assert_eq!(bg_ns("user"), a[0]);
    // Another mapping: a namespace of its own.
    let own = ns(&[
        "--network",
        "none",
        "--uidmap",
        "0:1:1000",
        "--uidmap",
        "1000:0:1",
        "--gidmap",
        "0:1:1000",
        "--gidmap",
        "1000:0:1",
    ]);
    assert_ne!(own[0], c[0]);
    t.ok(["rm", "-f", "bg"]);
}
