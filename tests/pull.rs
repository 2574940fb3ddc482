//! `skiff pull` and the image commands, as the unprivileged user against the real test registry.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{fixtures, is_root, registry, Run, TestEnv};

fn img(name: &str) -> String {
    format!("{}/{name}:latest", registry())
}

fn fx(name: &str, key: &str) -> String {
    fixtures()[name][key].as_str().unwrap().to_string()
}

/// The overlay lowerdirs of an image, top first.
fn lowerdirs(t: &TestEnv, image: &str) -> String {
    t.ok([
        "image",
        "inspect",
        "--format",
        "{{.GraphDriver.Data.LowerDir}}",
        image,
    ])
    .stdout
    .trim()
    .to_string()
}

/// Mount the image's layers read-only with the kernel's overlayfs in a throwaway user+mount
/// namespace (util-linux `unshare`, not skiff) and run a shell command against the merged view.
fn in_merged_view(t: &TestEnv, image: &str, script: &str) -> Run {
    let lower = lowerdirs(t, image);
    let m = t.home.join("tmp/merged");
    std::fs::create_dir_all(&m).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&m, u.uid, u.gid);
    }
    let mut c = t.bare_cmd("unshare");
    c.args(["--user", "--map-root-user", "--mount", "sh", "-c"])
        .arg(format!(
            "mount -t overlay overlay -o lowerdir={lower},userxattr {m} && cd {m} && {script}",
            m = m.display()
        ));
    Run::from(c.output().unwrap())
}

#[test]
fn pulls_every_manifest_kind_and_media_type() {
    let t = TestEnv::new("pull-kinds");
    for name in ["busybox", "httpd", "layers", "zstd"] {
        let r = t.ok(["pull", &img(name)]);
        assert_eq!(
            format!("sha256:{}", r.stdout.trim()),
            fx(name, "image_id"),
            "{name}: {}",
            r.describe()
        );
        // Plain progress lines on a non-terminal, none on stdout.
        assert!(r.stderr.contains("Copying blob"), "{}", r.describe());
        assert!(r.stderr.contains("Writing manifest"), "{}", r.describe());
    }
    let j = t.ok(["image", "inspect", &img("zstd")]).json();
    let want: Vec<serde_json::Value> = fixtures()["zstd"]["diff_ids"].as_array().unwrap().clone();
    assert_eq!(j[0]["RootFS"]["Layers"].as_array().unwrap(), &want);
    // The zstd image's base layer is the busybox layer (same diff id): stored once.
    let r = in_merged_view(&t, &img("zstd"), "cat zstd/file1 | head -1; ls bin/busybox");
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stdout.starts_with("first frame\n"), "{}", r.describe());
    let httpd = t.ok(["image", "inspect", &img("httpd")]).json();
    assert_eq!(
        httpd[0]["ManifestType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    assert_eq!(
        httpd[0]["Config"]["ExposedPorts"]["80/tcp"],
        serde_json::json!({})
    );
}

#[test]
fn index_picks_host_platform_or_the_one_asked_for() {
    let t = TestEnv::new("pull-index");
    for repo in ["multiarch", "multiarch-docker"] {
        let amd = t.ok(["pull", "-q", &img(repo)]);
        let arm = t.ok(["pull", "-q", "--platform", "linux/arm64", &img(repo)]);
        assert_ne!(amd.stdout, arm.stdout, "{repo}");
        let children = fixtures()[repo]["children"].as_array().unwrap().clone();
        assert_eq!(
            format!("sha256:{}", amd.stdout.trim()),
            children[0]["image_id"].as_str().unwrap()
        );
        assert_eq!(
            format!("sha256:{}", arm.stdout.trim()),
            children[1]["image_id"].as_str().unwrap()
        );
        let j = t.ok(["image", "inspect", arm.stdout.trim()]).json();
        assert_eq!(j[0]["Architecture"], "arm64");
        assert_eq!(j[0]["Variant"], "v8");
    }
    // --arch/--os override the host's platform the same way.
    let by_arch = t.ok([
        "pull",
        "-q",
        "--arch",
        "arm64",
        "--os",
        "linux",
        &img("multiarch"),
    ]);
    assert_eq!(
        format!("sha256:{}", by_arch.stdout.trim()),
        fixtures()["multiarch"]["children"][1]["image_id"]
            .as_str()
            .unwrap()
    );
    // -q prints nothing but the id.
    let q = t.ok(["pull", "-q", &img("multiarch")]);
    assert_eq!(q.stdout.trim().len(), 64, "{}", q.describe());
    assert!(q.stderr.is_empty(), "{}", q.describe());
    let r = t.run(["pull", "--platform", "linux/s390x", &img("multiarch")]);
    assert_eq!(r.code, 125);
    assert!(
        r.stderr.contains("no image for platform linux/s390x"),
        "{}",
        r.describe()
    );
    assert!(r.stderr.contains("linux/arm64/v8"), "{}", r.describe());
    assert!(
        !r.stderr.contains("unknown/unknown"),
        "attestations are not platforms: {}",
        r.describe()
    );
}

#[test]
fn whiteouts_and_opaque_dirs_show_in_the_merged_view() {
    let t = TestEnv::new("pull-whiteouts");
    t.ok(["pull", &img("layers")]);
    let r = in_merged_view(
        &t,
        &img("layers"),
        "ls -A data; echo --; ls -A opq; echo --; cat data/hard; readlink data/link",
    );
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(
        r.stdout,
        "b\nhard\nkeep\nlink\n--\nz\n--\nb\nb\n",
        "{}",
        r.describe()
    );
    // Owners, modes and xattrs on the host side of the store.
    let lower = lowerdirs(&t, &img("layers"));
    let l2 = PathBuf::from(lower.split(':').nth(1).unwrap());
    use std::os::unix::fs::MetadataExt;
    let owned = std::fs::metadata(l2.join("owned")).unwrap();
    let suid = std::fs::metadata(l2.join("suid")).unwrap();
    assert_eq!(suid.mode() & 0o7777, 0o4755);
    if is_root() {
        // Container uid 1000 = host 200000 + 1000 - 1 with skiff-test's range 200000:65536.
        assert_eq!((owned.uid(), owned.gid()), (200999, 200999));
        let nobody = std::fs::metadata(l2.join("nobody-file")).unwrap();
        assert_eq!(nobody.uid(), 200000 + 65534 - 1);
    }
    let mut buf = [0u8; 16];
    let n = rustix::fs::getxattr(l2.join("xattr-file"), "user.skiff", &mut buf).unwrap();
    assert_eq!(&buf[..n], b"fixture");
}

#[test]
fn without_subuids_owners_fall_back_to_root_with_a_warning() {
    if !is_root() {
        return;
    }
    let t = TestEnv::as_user("pull-nosub", crate::util::NOSUB_USER);
    let r = t.ok(["pull", &img("layers")]);
    assert!(r.stderr.contains("keep the owner root"), "{}", r.describe());
    let lower = lowerdirs(&t, &img("layers"));
    let l2 = PathBuf::from(lower.split(':').nth(1).unwrap());
    use std::os::unix::fs::MetadataExt;
    let u = t.user.as_ref().unwrap();
    assert_eq!(std::fs::metadata(l2.join("owned")).unwrap().uid(), u.uid);
}

#[test]
fn corrupted_blob_is_rejected_and_nothing_is_published() {
    let Ok(dir) = std::env::var("SKIFF_TEST_REGISTRY_DIR") else {
        panic!("SKIFF_TEST_REGISTRY_DIR is not set: run through tests/run.sh");
    };
    let digest = fixtures()["corrupt"]["layer_digests"][1]
        .as_str()
        .unwrap()
        .to_string();
    let hex = digest.strip_prefix("sha256:").unwrap();
    let data = Path::new(&dir).join(format!(
        "storage/docker/registry/v2/blobs/sha256/{}/{hex}/data",
        &hex[..2]
    ));
    let mut bytes = std::fs::read(&data).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&data, &bytes).unwrap();

    let t = TestEnv::new("pull-corrupt");
    let r = t.run(["pull", &img("corrupt")]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.to_lowercase().contains("digest"),
        "{}",
        r.describe()
    );
    let images = t.ok(["images", "-q"]);
    assert!(images.stdout.trim().is_empty(), "{}", images.describe());
    let layers: Vec<String> = std::fs::read_dir(t.root.join("layers"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !layers
            .iter()
            .any(|l| l.contains(hex) || l.starts_with(".tmp")),
        "{layers:?}"
    );
    let check = t.ok(["system", "check"]);
    assert!(
        check.stderr.contains("No problems found"),
        "{}",
        check.describe()
    );
}

#[test]
fn escape_attempts_stay_inside_the_layer() {
    let target = Path::new("/tmp/skiff-escape-target");
    let _ = std::fs::remove_dir_all(target);
    std::fs::create_dir_all(target).unwrap();
    let t = TestEnv::new("pull-escape");
    if let Some(u) = &t.user {
        crate::util::chown_r(target, u.uid, u.gid);
    }
    std::fs::write(target.join("victim"), b"host file\n").unwrap();
    let r = t.run(["pull", &img("escape")]);
    let written: Vec<_> = std::fs::read_dir(target)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let victim = std::fs::read_to_string(target.join("victim")).unwrap();
    let dotdot = Path::new("/tmp/skiff-escape-dotdot").exists();
    let _ = std::fs::remove_dir_all(target);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(
        written,
        vec![std::ffi::OsString::from("victim")],
        "something escaped"
    );
    assert_eq!(victim, "host file\n");
    assert!(!dotdot, "../ escaped");
    let lower = lowerdirs(&t, &img("escape"));
    let top = PathBuf::from(lower.split(':').next().unwrap());
    assert!(top.join("tmp/skiff-escape-dotdot").exists());
    assert!(top.join("abs-escape").exists());
    assert!(top.join("tmp/skiff-escape-target/pwned").exists());
    assert!(top.join("tmp/skiff-escape-target/pwned-relative").exists());
    assert!(std::fs::symlink_metadata(top.join("hostfile"))
        .unwrap()
        .is_file());

    let r = t.run(["pull", &img("escape-hardlink")]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(r.stderr.contains("linked-passwd"), "{}", r.describe());
    assert_eq!(
        std::fs::metadata("/etc/passwd")
            .map(|m| {
                use std::os::unix::fs::MetadataExt;
                m.nlink()
            })
            .unwrap(),
        1
    );
}

#[test]
fn killed_pull_leaves_a_consistent_store_and_the_next_pull_works() {
    let t = TestEnv::new("pull-kill");
    for delay_ms in [30u64, 120, 300] {
        let mut child = t.cmd(["pull", &img("big")]).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = Command::new("kill")
            .args(["-9", &child.id().to_string()])
            .status();
        let _ = child.wait();
        // The store is readable and lists either nothing or the complete image.
        let images = t.ok(["images", "-q"]);
        let n = images.stdout.lines().count();
        assert!(n <= 1, "{}", images.describe());
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    let r = t.ok(["pull", "-q", &img("big")]);
    assert_eq!(format!("sha256:{}", r.stdout.trim()), fx("big", "image_id"));
    let check = t.ok(["system", "check"]);
    assert!(
        check.stderr.contains("No problems found"),
        "{}",
        check.describe()
    );
    let r = in_merged_view(&t, &img("big"), "wc -c big/blob3");
    assert!(r.stdout.starts_with("8388608"), "{}", r.describe());
}

#[test]
fn system_check_finds_and_repairs_leftovers() {
    let t = TestEnv::new("check");
    t.ok(["pull", &img("busybox")]);
    // Leftovers as a killed pull leaves them.
    let stale = t.root.join("layers/.tmp-0000");
    std::fs::create_dir_all(stale.join("diff/x")).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&stale, u.uid, u.gid);
    }
    let r = t.run(["system", "check"]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(r.stdout.contains("interrupted pull"), "{}", r.describe());
    t.ok(["system", "check", "--repair"]);
    assert!(!stale.exists());
    let r = t.ok(["system", "check"]);
    assert!(r.stderr.contains("No problems found"), "{}", r.describe());
}

#[test]
fn concurrent_pulls_of_one_image_share_the_work() {
    let t = TestEnv::new("pull-race");
    let (a, b) = std::thread::scope(|s| {
        let h1 = s.spawn(|| Run::from(t.cmd(["pull", &img("big")]).output().unwrap()));
        let h2 = s.spawn(|| Run::from(t.cmd(["pull", &img("big")]).output().unwrap()));
        (h1.join().unwrap(), h2.join().unwrap())
    });
    assert_eq!(a.code, 0, "{}", a.describe());
    assert_eq!(b.code, 0, "{}", b.describe());
    assert_eq!(a.stdout, b.stdout);
    let digest = fixtures()["big"]["layer_digests"][1]
        .as_str()
        .unwrap()
        .to_string();
    let short = &digest["sha256:".len().."sha256:".len() + 12];
    let done = |r: &Run| {
        r.stderr
            .lines()
            .any(|l| l.contains(short) && l.contains("done"))
    };
    assert!(
        done(&a) ^ done(&b),
        "exactly one pull downloads the big layer:\n{}\n{}",
        a.describe(),
        b.describe()
    );
    assert_eq!(t.ok(["images", "-q"]).stdout.lines().count(), 1);
}

#[test]
fn short_names_resolve_through_registries_conf_and_mirrors() {
    let t = TestEnv::new("shortnames");
    let conf_dir = t.home.join(".config/containers");
    std::fs::create_dir_all(&conf_dir).unwrap();
    std::fs::write(
        conf_dir.join("registries.conf"),
        format!(
            "unqualified-search-registries = [\"{reg}\"]\n\n[[registry]]\nprefix = \"mirrored.invalid\"\n\
             location = \"mirrored.invalid\"\n[[registry.mirror]]\nlocation = \"{reg}\"\ninsecure = true\n",
            reg = registry()
        ),
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.home, u.uid, u.gid);
    }
    let r = t.ok(["pull", "busybox"]);
    assert!(
        r.stderr
            .contains(&format!("Trying to pull {}/busybox:latest", registry())),
        "{}",
        r.describe()
    );
    let names = t.ok(["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert_eq!(
        names.stdout.trim(),
        format!("{}/busybox:latest", registry())
    );
    // Short names find local images too.
    t.ok(["image", "inspect", "busybox"]);
    let r = t.ok(["pull", "mirrored.invalid/httpd"]);
    assert!(r.stdout.trim().len() == 64, "{}", r.describe());
    t.ok(["image", "inspect", "mirrored.invalid/httpd:latest"]);
}

#[test]
fn clear_errors_for_bad_references_and_registries() {
    let t = TestEnv::new("pull-errors");
    let r = t.run(["pull", "Not/Valid"]);
    assert_eq!(r.code, 125);
    assert!(
        r.stderr.contains("invalid image reference"),
        "{}",
        r.describe()
    );
    let r = t.run(["pull", &format!("{}/no-such-image:latest", registry())]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("not found"), "{}", r.describe());
    let port = crate::util::free_port();
    let r = t.run(["pull", &format!("127.0.0.1:{port}/x")]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("cannot reach"), "{}", r.describe());
}

#[test]
fn basic_auth_registry_login_pull_logout() {
    let reg = std::env::var("SKIFF_TEST_AUTH_REGISTRY").expect("run through tests/run.sh");
    let user = std::env::var("SKIFF_TEST_AUTH_USER").unwrap();
    let pass = std::env::var("SKIFF_TEST_AUTH_PASSWORD").unwrap();
    let t = TestEnv::new("auth");
    let image = format!("{reg}/busybox:latest");
    let r = t.run(["pull", &image]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("skiff login"), "{}", r.describe());

    let login = |password: &str| {
        let mut c = t.cmd(["login", "--username", &user, "--password-stdin", &reg]);
        c.stdin(std::process::Stdio::piped());
        let mut child = c
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{password}\n").as_bytes())
            .unwrap();
        Run::from(child.wait_with_output().unwrap())
    };
    let bad = login("wrong");
    assert_eq!(bad.code, 125, "{}", bad.describe());
    let good = login(&pass);
    assert_eq!(good.code, 0, "{}", good.describe());
    assert!(good.stderr.contains("Login Succeeded"));
    let authfile = t.home.join(".config/containers/auth.json");
    let text = std::fs::read_to_string(&authfile).unwrap();
    assert!(text.contains(&reg), "{text}");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&authfile).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(t.ok(["login", "--get-login", &reg]).stdout.trim(), user);
    t.ok(["pull", &image]);
    t.ok(["logout", &reg]);
    t.ok(["rmi", &image]);
    assert_eq!(t.run(["pull", &image]).code, 125);

    // Credentials from docker's config.json work as well.
    let docker = t.home.join(".docker");
    std::fs::create_dir_all(&docker).unwrap();
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
    std::fs::write(
        docker.join("config.json"),
        format!("{{\"auths\":{{\"{reg}\":{{\"auth\":\"{b64}\"}}}}}}"),
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&docker, u.uid, u.gid);
    }
    t.ok(["pull", &image]);
}

#[test]
fn image_commands_tag_list_history_remove_prune() {
    let t = TestEnv::new("image-cmds");
    let id = t
        .ok(["pull", "-q", &img("layers")])
        .stdout
        .trim()
        .to_string();
    t.ok(["pull", "-q", &img("busybox")]);
    t.ok(["tag", &img("layers"), "mine:v1", "quay.io/me/mine:v2"]);
    let list = t.ok(["images"]);
    let lines: Vec<&str> = list.stdout.lines().collect();
    assert!(
        lines[0].starts_with("REPOSITORY") && lines[0].contains("IMAGE ID"),
        "{}",
        list.describe()
    );
    assert!(
        list.stdout.contains("localhost/mine"),
        "{}",
        list.describe()
    );
    assert!(list.stdout.contains(&id[..12]));
    let filtered = t.ok([
        "images",
        "--filter",
        "reference=mine",
        "--format",
        "{{.Repository}}:{{.Tag}}",
    ]);
    assert_eq!(
        filtered.stdout,
        "localhost/mine:v1\nquay.io/me/mine:v2\n",
        "{}",
        filtered.describe()
    );
    let j: serde_json::Value = t.ok(["images", "--format", "json"]).json();
    assert_eq!(j.as_array().unwrap().len(), 4);
    let hist = t.ok(["image", "history", "mine:v1"]);
    assert_eq!(hist.stdout.lines().count(), 4, "{}", hist.describe());
    assert!(hist.stdout.contains("skiff fixture layer 2"));
    // By id with several names: refused without --force.
    let r = t.run(["rmi", &id[..12]]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("--force"), "{}", r.describe());
    let r = t.ok(["rmi", "mine:v1"]);
    assert_eq!(r.stdout, "Untagged: localhost/mine:v1\n");
    t.ok(["rmi", "-f", &id[..12]]);
    assert!(!t.ok(["images", "-q"]).stdout.contains(&id[..12]));
    // Layers only that image had are gone from the store; busybox's shared base stays.
    let layers = std::fs::read_dir(t.root.join("layers")).unwrap().count();
    assert_eq!(layers, 1);
    let r = t.run(["rmi", "nope"]);
    assert_eq!(r.code, 125);
    assert!(
        r.stderr.contains("nope: image not known"),
        "{}",
        r.describe()
    );
    // Prune: a dangling image (its name moved away) goes, named ones stay.
    t.ok(["pull", "-q", &img("httpd")]);
    t.ok(["tag", &img("busybox"), &img("httpd")]);
    let pruned = t.ok(["image", "prune", "--force"]);
    assert_eq!(pruned.stdout.lines().count(), 1, "{}", pruned.describe());
    assert_eq!(t.ok(["images", "-q"]).stdout.lines().count(), 1);
    t.ok(["image", "prune", "-a", "-f"]);
    assert!(t.ok(["images", "-q"]).stdout.is_empty());
    assert_eq!(std::fs::read_dir(t.root.join("layers")).unwrap().count(), 0);
}

#[test]
fn tls_registry_needs_its_ca_in_certs_d() {
    let reg = std::env::var("SKIFF_TEST_TLS_REGISTRY").expect("run through tests/run.sh");
    let ca = std::env::var("SKIFF_TEST_TLS_CA").unwrap();
    let t = TestEnv::new("tls");
    let image = format!("{reg}/busybox:latest");
    let r = t.run(["pull", &image]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains(&format!("certs.d/{reg}/ca.crt")),
        "{}",
        r.describe()
    );
    let certs = t.home.join(format!(".config/containers/certs.d/{reg}"));
    std::fs::create_dir_all(&certs).unwrap();
    std::fs::copy(&ca, certs.join("ca.crt")).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.home, u.uid, u.gid);
    }
    let r = t.ok(["pull", &image]);
    assert!(r.stderr.contains("Writing manifest"), "{}", r.describe());
}

#[test]
fn credential_helpers_from_docker_config() {
    let reg = std::env::var("SKIFF_TEST_AUTH_REGISTRY").expect("run through tests/run.sh");
    let user = std::env::var("SKIFF_TEST_AUTH_USER").unwrap();
    let pass = std::env::var("SKIFF_TEST_AUTH_PASSWORD").unwrap();
    let t = TestEnv::new("credhelper");
    let bin = t.home.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let helper = bin.join("docker-credential-skifftest");
    std::fs::write(
        &helper,
        format!(
            "#!/bin/sh\nread server\n[ \"$1\" = get ] && [ \"$server\" = \"{reg}\" ] || {{ echo 'credentials not found in native keychain'; exit 1; }}\n\
             printf '{{\"ServerURL\":\"%s\",\"Username\":\"{user}\",\"Secret\":\"{pass}\"}}' \"$server\"\n"
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&helper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let docker = t.home.join(".docker");
    std::fs::create_dir_all(&docker).unwrap();
    std::fs::write(
        docker.join("config.json"),
        format!("{{\"credHelpers\":{{\"{reg}\":\"skifftest\"}}}}"),
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.home, u.uid, u.gid);
    }
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display());
    let out = t
        .cmd(["pull", &format!("{reg}/busybox:latest")])
        .env("PATH", &path)
        .output()
        .unwrap();
    let r = Run::from(out);
    assert_eq!(r.code, 0, "{}", r.describe());
}

#[test]
fn throttled_and_failing_registry_requests_are_retried() {
    let port = crate::util::free_port();
    let mut proxy = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/flaky_proxy.py"
        ))
        .arg(registry())
        .arg(port.to_string())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let t = TestEnv::new("retry");
    let started = std::time::Instant::now();
    let r = t.run(["pull", "-q", &format!("127.0.0.1:{port}/busybox:latest")]);
    let took = started.elapsed();
    let _ = proxy.kill();
    let out = proxy.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&out.stdout);
    assert_eq!(r.code, 0, "{}\nproxy log:\n{log}", r.describe());
    assert_eq!(
        format!("sha256:{}", r.stdout.trim()),
        fx("busybox", "image_id")
    );
    assert!(log.contains("503 /v2/busybox/blobs/"), "{log}");
    assert!(log.contains("429 /v2/busybox/blobs/"), "{log}");
    assert!(log.contains("200 /v2/busybox/blobs/"), "{log}");
    // Manifest, config and layer each waited 0.5 s (backoff) + 2 s (Retry-After: 2), one after the
    // other for the manifest and config; backoff alone would be about 1.5 s each.
    assert!(
        took >= std::time::Duration::from_secs(5),
        "Retry-After not honoured: {took:?}\n{log}"
    );
}

#[test]
fn redirects_to_blob_storage_do_not_carry_credentials() {
    let reg = std::env::var("SKIFF_TEST_AUTH_REGISTRY").expect("run through tests/run.sh");
    let user = std::env::var("SKIFF_TEST_AUTH_USER").unwrap();
    let pass = std::env::var("SKIFF_TEST_AUTH_PASSWORD").unwrap();
    let (front, store) = (crate::util::free_port(), crate::util::free_port());
    let mut proxy = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/redirect_proxy.py"
        ))
        .args([
            reg.as_str(),
            &front.to_string(),
            &store.to_string(),
            &user,
            &pass,
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", front)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let t = TestEnv::new("redirect");
    let docker = t.home.join(".docker");
    std::fs::create_dir_all(&docker).unwrap();
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
    std::fs::write(
        docker.join("config.json"),
        format!("{{\"auths\":{{\"127.0.0.1:{front}\":{{\"auth\":\"{b64}\"}}}}}}"),
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.home, u.uid, u.gid);
    }
    let r = t.run(["pull", "-q", &format!("127.0.0.1:{front}/busybox:latest")]);
    let _ = proxy.kill();
    let out = proxy.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&out.stdout);
    assert_eq!(r.code, 0, "{}\nproxy log:\n{log}", r.describe());
    assert!(log.contains("store auth=absent"), "{log}");
    assert!(
        !log.contains("store auth=present"),
        "credentials leaked to the blob store:\n{log}"
    );
}

#[test]
fn progress_bars_on_a_terminal() {
    let t = TestEnv::new("tty");
    let inner = format!(
        "'{}' --root '{}' --runroot '{}' pull '{}'",
        crate::util::skiff_bin().display(),
        t.root.display(),
        t.runroot.display(),
        img("busybox")
    );
    let mut c = t.bare_cmd("script");
    c.args(["-qec", &inner, "/dev/null"]).env("TERM", "xterm");
    let r = Run::from(c.output().unwrap());
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stdout.contains("Copying blob"), "{}", r.describe());
    assert!(
        r.stdout.contains('\u{1b}'),
        "expected terminal control sequences: {}",
        r.describe()
    );
    assert!(
        r.stdout.contains("/s"),
        "expected a transfer rate: {}",
        r.describe()
    );
}

#[test]
fn token_auth_registry_with_a_bearer_token_server() {
    let reg = std::env::var("SKIFF_TEST_TOKEN_REGISTRY").expect("run through tests/run.sh");
    let log_path = std::env::var("SKIFF_TEST_TOKEN_LOG").unwrap();
    let user = std::env::var("SKIFF_TEST_AUTH_USER").unwrap();
    let pass = std::env::var("SKIFF_TEST_AUTH_PASSWORD").unwrap();
    let t = TestEnv::new("token");
    let image = format!("{reg}/busybox:latest");
    // Anonymous: the token server hands out a token without access; the registry refuses.
    let r = t.run(["pull", &image]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(r.stderr.contains("skiff login"), "{}", r.describe());
    let mut c = t.cmd(["login", "-u", &user, "--password-stdin", &reg]);
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{pass}\n").as_bytes())
            .unwrap();
    }
    let login = Run::from(child.wait_with_output().unwrap());
    assert_eq!(login.code, 0, "{}", login.describe());
    let r = t.ok(["pull", "-q", &image]);
    assert_eq!(
        format!("sha256:{}", r.stdout.trim()),
        fx("busybox", "image_id")
    );
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        log.contains(&format!("token user={user} scope=repository:busybox:pull")),
        "{log}"
    );
}
