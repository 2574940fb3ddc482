//! The reliability campaign's hostile layers (tests/fixtures/hostile.py: 25 crafted cases), each
//! through `pull` and through `load`: nothing may land outside the layer directory (the host
//! directory the links aim at stays empty, /etc/passwd unchanged), a refused case says why (naming
//! the entry where there is one), and the store stays consistent (`system check`).

use std::path::Path;

use crate::util::TestEnv;

const TARGET: &str = "/tmp/skiff-hostile-target";

/// Both tests watch TARGET: one at a time.
static TARGET_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn cases() -> serde_json::Value {
    let p = std::env::var("SKIFF_TEST_HOSTILE")
        .expect("SKIFF_TEST_HOSTILE is not set: run the suite through tests/run.sh");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn target_files() -> Vec<String> {
    std::fs::read_dir(TARGET)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn hostile_layers_through_pull_and_load_stay_inside() {
    let _one = TARGET_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let t = TestEnv::new("hostile");
    // The directory the cases' links aim at, writable by the test user: had skiff followed a
    // link out of the layer, the write would succeed and show up here.
    let _ = std::fs::remove_dir_all(TARGET);
    std::fs::create_dir_all(TARGET).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(Path::new(TARGET), u.uid, u.gid);
    }
    let passwd = std::fs::read("/etc/passwd").unwrap();
    let all = cases();
    let cases = all.as_object().unwrap();
    assert!(cases.len() >= 20, "only {} cases", cases.len());
    let (mut tried, mut survived, mut refused) = (0, 0, 0);
    let mut lost: Vec<String> = Vec::new();
    for (name, c) in cases {
        for how in ["pull", "load"] {
            tried += 1;
            let r = match how {
                "pull" => t.run(["pull", "-q", c["ref"].as_str().unwrap()]),
                _ => t.run(["load", "-q", "-i", c["archive"].as_str().unwrap()]),
            };
            let what = format!("{name} by {how}");
            let says = c["says"].as_str().unwrap();
            if c["expect"] == "refused" {
                assert_ne!(r.code, 0, "{what}: accepted\n{}", r.describe());
            }
            if r.code != 0 {
                refused += 1;
                println!("{what}: refused: {}", r.stderr.lines().last().unwrap_or(""));
                assert!(
                    !r.stderr.trim().is_empty(),
                    "{what}: refused without a reason"
                );
                assert!(
                    r.stderr.contains(says),
                    "{what}: the error does not say {says:?}:\n{}",
                    r.describe()
                );
            }
            let escaped = target_files();
            if !escaped.is_empty() || std::fs::read("/etc/passwd").unwrap() != passwd {
                lost.push(format!("{what}: wrote outside the layer: {escaped:?}"));
                for f in escaped {
                    let _ = std::fs::remove_file(Path::new(TARGET).join(f));
                }
            }
            let check = t.run(["system", "check"]);
            if check.code != 0 {
                lost.push(format!(
                    "{what}: store inconsistent afterwards:\n{}",
                    check.describe()
                ));
                t.run(["system", "check", "--repair"]);
            }
            // A setuid file is stored owned by the user's subordinate ids, never by the host's
            // root; device nodes are not created rootless (whiteouts are 0/0 character devices).
            let found = std::process::Command::new("find")
                .arg(&t.root)
                .args(["-perm", "-4000", "-uid", "0"])
                .output()
                .unwrap();
            if t.user.is_some() && !found.stdout.is_empty() {
                lost.push(format!(
                    "{what}: setuid file owned by the host's root: {}",
                    String::from_utf8_lossy(&found.stdout)
                ));
            }
            // Next case on an empty image store (and the images' layers gone again).
            t.run(["rmi", "-a", "-f"]);
            survived += 1;
        }
    }
    let _ = std::fs::remove_dir_all(TARGET);
    println!(
        "hostile layers: tried {tried}, survived {survived}, lost {} ({refused} refused with a reason)",
        lost.len()
    );
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}

/// The layer tar of a case's archive (its `layer.tar` member).
fn layer_of(archive: &str) -> Vec<u8> {
    let mut ar = tar::Archive::new(std::fs::File::open(archive).unwrap());
    for e in ar.entries().unwrap() {
        let mut e = e.unwrap();
        if e.path().unwrap().to_str() == Some("layer.tar") {
            let mut v = Vec::new();
            std::io::Read::read_to_end(&mut e, &mut v).unwrap();
            return v;
        }
    }
    panic!("{archive}: no layer.tar");
}

#[test]
fn hostile_tars_through_import_and_the_api_stay_inside() {
    let _one = TARGET_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let t = TestEnv::new("hostile-api");
    let _ = std::fs::remove_dir_all(TARGET);
    std::fs::create_dir_all(TARGET).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(Path::new(TARGET), u.uid, u.gid);
    }
    let svc = crate::api::Service::start(&t, 0);
    let bb = format!("{}/busybox:latest", crate::util::registry());
    t.ok(["pull", "-q", &bb]);
    t.ok(["run", "-d", "--name", "box", &bb, "sleep", "600"]);
    let all = cases();
    let (mut tried, mut lost) = (0, Vec::<String>::new());
    for (name, c) in all.as_object().unwrap() {
        if name.contains("bomb") || name.starts_with("truncated") || name.starts_with("pax") {
            continue; // stream cases: covered by pull and load
        }
        let raw = layer_of(c["archive"].as_str().unwrap());
        let file = t.home.join("tmp").join(format!("{name}.tar"));
        std::fs::write(&file, &raw).unwrap();
        if let Some(u) = &t.user {
            crate::util::chown_r(&file, u.uid, u.gid);
        }
        // `import` of a root file system tarball.
        tried += 1;
        let r = t.run([
            "import",
            file.to_str().unwrap(),
            &format!("imported-{name}:1"),
        ]);
        if r.code != 0 {
            assert!(!r.stderr.trim().is_empty(), "{name} import: no reason");
        }
        // A build context through the API (refused, or built without its Dockerfile: 400).
        tried += 1;
        let (code, text) =
            crate::api::http(&svc.sock, "POST", "/v1.41/build?t=hostile:1", Some(&raw));
        assert!(code == 400 || code == 200, "{name} build: {code} {text}");
        // `docker cp` into a running container (PUT archive).
        tried += 1;
        let (code, text) = crate::api::http(
            &svc.sock,
            "PUT",
            "/v1.41/containers/box/archive?path=/tmp",
            Some(&raw),
        );
        assert!(code == 400 || code == 200, "{name} cp: {code} {text}");
        let escaped = target_files();
        if !escaped.is_empty() {
            lost.push(format!("{name}: wrote outside: {escaped:?}"));
            for f in escaped {
                let _ = std::fs::remove_file(Path::new(TARGET).join(f));
            }
        }
        let check = t.run(["system", "check"]);
        if check.code != 0 {
            lost.push(format!("{name}: store inconsistent:\n{}", check.describe()));
            t.run(["system", "check", "--repair"]);
        }
    }
    // The container's own root was the only place written to.
    t.ok(["rm", "-f", "box"]);
    let _ = std::fs::remove_dir_all(TARGET);
    println!(
        "hostile tars via import, API build and API cp: tried {tried}, survived {tried}, lost {}",
        lost.len()
    );
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}

#[test]
fn hostile_registry_answers_are_refused_with_their_reason() {
    let t = TestEnv::new("hostile-registry");
    /// The misbehaving registry, stopped however the test ends.
    struct Server(std::process::Child, u16);
    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let start = |mode: &str| -> Server {
        let port = crate::util::free_port();
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile_registry.py");
        let child = std::process::Command::new("python3")
            .arg(&script)
            .arg(port.to_string())
            .arg(mode)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "hostile registry did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Server(child, port)
    };
    let plain = start("");
    let hang = start("tokenhang");
    let cases = [
        (plain.1, "wrongsize", "longer than its descriptor"),
        (plain.1, "endless", "after the end of the tar archive"),
        (plain.1, "manylayers", "more than the 1000"),
        (plain.1, "hugemanifest", "larger than 4 MiB"),
        (plain.1, "malformed", "parsing the manifest"),
        (plain.1, "badconfig", "parsing image config"),
        (plain.1, "selfindex", "does not match its digest"),
        (plain.1, "drip", "less than 1 KiB/s"),
        (hang.1, "tokenhang", "did not answer"),
    ];
    let mut tried = 0;
    for (port, case, says) in cases {
        tried += 1;
        let mut c = t.cmd([
            "pull",
            "-q",
            "--tls-verify=false",
            &format!("127.0.0.1:{port}/{case}/img:latest"),
        ]);
        c.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        // Bounded: an endless, huge or silent answer must not hold the pull (nor fill memory
        // or disk).
        let r = crate::util::wait_with_timeout(c.spawn().unwrap(), 90);
        assert_ne!(r.code, 0, "{case}: accepted\n{}", r.describe());
        assert!(
            r.stderr.contains(says),
            "{case}: the error does not say {says:?}:\n{}",
            r.describe()
        );
        t.ok(["system", "check"]);
    }
    drop((plain, hang));
    assert_eq!(t.ok(["images", "-q"]).stdout, "");
    println!("hostile registries: tried {tried}, survived {tried}, lost 0");
}
