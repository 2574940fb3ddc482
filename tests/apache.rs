//! A real image end to end: Debian's apache2 (1,208 directories, 8,000+ files, device nodes,
//! hardlinks), shaped like the official httpd image, pulled, served through `-p`, stopped with its
//! own stop signal (SIGWINCH) and removed, as the unprivileged user.

use std::time::{Duration, Instant};

use crate::network::http_get;
use crate::unpack::ok_with_nofile;
use crate::util::{fixtures, free_port, registry, TestEnv};

#[test]
fn debian_apache2_is_pulled_served_stopped_and_removed() {
    let fx = &fixtures()["apache2"];
    assert!(
        fx.is_object(),
        "the apache2 fixture is missing: tests/run.sh builds it with tests/fixtures/apache2-rootfs.sh"
    );
    let image = format!(
        "{}/{}:latest",
        registry(),
        fx["repository"].as_str().unwrap()
    );
    let t = TestEnv::new("apache2");
    // Under the usual 1,024 open-file limit, where its 1,208 directories once broke the unpacker.
    let r = ok_with_nofile(&t, 1024, &["pull", "-q", &image]);
    assert_eq!(
        format!("sha256:{}", r.stdout.trim()),
        fx["image_id"].as_str().unwrap()
    );
    assert!(t
        .ok([
            "image",
            "inspect",
            "--format",
            "{{.Config.StopSignal}}",
            &image
        ])
        .stdout
        .contains("SIGWINCH"));
    let port = free_port();
    t.ok([
        "run",
        "-d",
        "--name",
        "web",
        "-p",
        &format!("{port}:80"),
        &image,
    ]);
    let page = http_get(&format!("127.0.0.1:{port}"));
    assert!(page.contains("It works!"), "{page}");
    // Access log on the container's stdout, as in the official image.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let logs = t.ok(["logs", "web"]);
        if logs.stdout.contains("\"GET / HTTP/1.0\" 200") {
            break;
        }
        assert!(Instant::now() < deadline, "{}", logs.describe());
        std::thread::sleep(Duration::from_millis(100));
    }
    // SIGWINCH is apache's graceful stop: it ends by itself, stop does not have to kill it.
    t.ok(["stop", "web"]);
    let code = t
        .ok(["inspect", "--format", "{{.State.ExitCode}}", "web"])
        .stdout
        .trim()
        .to_string();
    assert_ne!(code, "137", "apache was killed, not stopped by SIGWINCH");

    // The other walks over a real tree (/usr: 1,090 directories, 7,000+ files), under a limit of
    // 256 descriptors: the id-shifted layer copy (keep-id), the copy-up into a new volume, and cp
    // out of a container. None may hold a descriptor per directory.
    let count = "find /usr -type d | wc -l; find /usr -type f | wc -l";
    let want = t
        .ok([
            "run",
            "--rm",
            "--network",
            "none",
            &image,
            "sh",
            "-c",
            count,
        ])
        .stdout;
    for extra in [&["--userns=keep-id"][..], &["-v", "usrvol:/usr"][..]] {
        let mut args = vec!["run", "--rm", "--network", "none"];
        args.extend_from_slice(extra);
        args.extend([image.as_str(), "sh", "-c", count]);
        let r = ok_with_nofile(&t, 256, &args);
        assert_eq!(r.stdout, want, "{extra:?}: {}", r.describe());
    }
    let out = t.dir.join("usr-copy");
    ok_with_nofile(&t, 256, &["cp", "web:/usr", out.to_str().unwrap()]);
    let (dirs, files) = walk_count(&out);
    assert_eq!(
        format!("{dirs}\n{files}\n"),
        want,
        "cp copied {dirs} dirs, {files} files"
    );

    t.ok(["rm", "web"]);
    assert!(t.ok(["ps", "-aq"]).stdout.trim().is_empty());
}

/// Directories (including `dir`) and regular files under `dir`.
fn walk_count(dir: &std::path::Path) -> (u64, u64) {
    let (mut dirs, mut files) = (1, 0);
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let ft = e.file_type().unwrap();
        if ft.is_dir() {
            let (d, f) = walk_count(&e.path());
            dirs += d;
            files += f;
        } else if ft.is_file() {
            files += 1;
        }
    }
    (dirs, files)
}
