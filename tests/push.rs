//! Pushing to a registry, watched through a logging proxy: cross-repository mounts, nothing
//! uploaded twice, uploads resumed after a dropped connection; results read back by skopeo.

use std::path::Path;
use std::process::{Child, Command};

use crate::util::{free_port, registry, TestEnv};

/// The logging proxy (tests/fixtures/proxy.py) in front of the test registry; killed on drop.
struct Proxy {
    child: Child,
    port: u16,
    log: std::path::PathBuf,
}

impl Proxy {
    fn start(t: &TestEnv, name: &str, cut: bool) -> Proxy {
        Proxy::with(t, name, if cut { &["--cut-first-patch"] } else { &[] })
    }

    fn with(t: &TestEnv, name: &str, flags: &[&str]) -> Proxy {
        let port = free_port();
        let upstream = registry().rsplit(':').next().unwrap().to_string();
        let log = t.dir.join(format!("{name}.log"));
        let mut cmd = Command::new("python3");
        cmd.arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/proxy.py"
        ))
        .arg(port.to_string())
        .arg(&upstream)
        .arg(&log);
        cmd.args(flags);
        let child = cmd.spawn().unwrap();
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Proxy { child, port, log }
    }

    fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Log lines written since `from` lines.
    fn lines(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn skopeo_digest(image: &str) -> String {
    let out = Command::new("skopeo")
        .args(["inspect", "--tls-verify=false", "--format", "{{.Digest}}"])
        .arg(format!("docker://{image}"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn push_mounts_skips_and_is_read_back_by_skopeo() {
    let t = TestEnv::new("push-basic");
    let p = Proxy::start(&t, "proxy", false);
    let src = format!("{}/busybox:latest", p.addr());
    t.ok(["pull", "-q", &src]);
    // The first push into a new repository of the same registry mounts the layer.
    let dest = format!("{}/pushed/bb-{}:v1", p.addr(), std::process::id());
    let digestfile = t.dir.join("digest");
    let r = t.ok([
        "push",
        "--digestfile",
        digestfile.to_str().unwrap(),
        &src,
        &dest,
    ]);
    let digest = r.stdout.trim().to_string();
    assert!(digest.starts_with("sha256:"), "{}", r.describe());
    assert_eq!(std::fs::read_to_string(&digestfile).unwrap(), digest);
    assert_eq!(
        skopeo_digest(&dest),
        digest,
        "the registry has what skiff pushed"
    );
    let log = p.lines();
    assert!(
        log.iter()
            .any(|l| l.starts_with("POST") && l.contains("?mount 201")),
        "{log:#?}"
    );
    assert!(
        !log.iter().any(|l| l.starts_with("PATCH")),
        "nothing uploaded: {log:#?}"
    );
    // The pulled manifest went out byte for byte: same digest as the source.
    assert_eq!(skopeo_digest(&src), digest);
    // A second push of the same image sends HEADs and the manifest only.
    let before = p.lines().len();
    t.ok(["push", "-q", &src, &dest]);
    let again: Vec<String> = p.lines()[before..].to_vec();
    assert!(
        again.iter().all(|l| l.starts_with("HEAD")
            || l.starts_with("GET /v2/ ")
            || l.starts_with("PUT /v2/") && l.contains("/manifests/")),
        "{again:#?}"
    );
    // An image built on the pulled one mounts the base layer and uploads only its own.
    let ctx = t.dir.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Containerfile"),
        format!("FROM {src}\nCOPY f /f\n"),
    )
    .unwrap();
    std::fs::write(ctx.join("f"), "mine\n").unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&ctx, u.uid, u.gid);
    }
    t.ok(["build", "-q", "-t", "built:v1", ctx.to_str().unwrap()]);
    let before = p.lines().len();
    let built_dest = format!("{}/pushed/built-{}:v1", p.addr(), std::process::id());
    t.ok(["push", "-q", "built:v1", &built_dest]);
    let log: Vec<String> = p.lines()[before..].to_vec();
    assert_eq!(
        log.iter().filter(|l| l.contains("?mount 201")).count(),
        1,
        "the base layer is mounted: {log:#?}"
    );
    assert_eq!(
        log.iter().filter(|l| l.starts_with("PATCH")).count(),
        1,
        "only the new layer is uploaded: {log:#?}"
    );
    // `images --digests` knows the pushed digest.
    let r = t.ok(["images", "--digests", "--format", "{{.Digest}}"]);
    assert!(r.stdout.contains(&digest), "{}", r.describe());
    // v2s2 and zstd conversions: new manifests, pulled back and run by skiff.
    let v2 = format!("{}/pushed/v2s2-{}:v1", p.addr(), std::process::id());
    t.ok(["push", "-q", "--format", "v2s2", &src, &v2]);
    let raw = Command::new("skopeo")
        .args(["inspect", "--raw", "--tls-verify=false"])
        .arg(format!("docker://{v2}"))
        .output()
        .unwrap();
    let m: serde_json::Value = serde_json::from_slice(&raw.stdout).unwrap();
    assert_eq!(
        m["mediaType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    let r = t.run([
        "push",
        "-q",
        "--format",
        "v2s2",
        "--compression-format",
        "zstd",
        &src,
        &v2,
    ]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("zstd"), "{}", r.describe());
    let t2 = TestEnv::new("push-readback");
    assert_eq!(t2.ok(["run", "--rm", &v2, "echo", "v2s2"]).stdout, "v2s2\n");
}

#[test]
fn an_upload_cut_midway_resumes_where_the_registry_stopped() {
    let t = TestEnv::new("push-resume");
    let p = Proxy::start(&t, "cut", true);
    t.ok(["pull", "-q", &format!("{}/busybox:latest", registry())]);
    // zstd: a blob the registry has never seen, so it must be uploaded (and is cut at 50%).
    let dest = format!("{}/resumed/bb-{}:v1", p.addr(), std::process::id());
    let r = t.ok([
        "push",
        "--compression-format",
        "zstd",
        &format!("{}/busybox:latest", registry()),
        &dest,
    ]);
    let log = p.lines();
    assert!(log.iter().any(|l| l.contains("CUT-AT")), "{log:#?}");
    let after_cut: Vec<&String> = log.iter().skip_while(|l| !l.contains("CUT-AT")).collect();
    assert!(
        after_cut
            .iter()
            .any(|l| l.starts_with("GET /v2/") && l.contains("/blobs/uploads/")),
        "asked where the upload stopped: {log:#?}"
    );
    assert!(
        after_cut.iter().any(|l| l.starts_with("PATCH")),
        "sent the rest: {log:#?}"
    );
    assert_eq!(skopeo_digest(&dest), r.stdout.trim());
    let t2 = TestEnv::new("push-resume-read");
    assert_eq!(
        t2.ok(["run", "--rm", &dest, "echo", "resumed"]).stdout,
        "resumed\n"
    );
}

#[test]
fn push_errors_name_the_fix() {
    let t = TestEnv::new("push-errors");
    t.ok(["pull", "-q", &format!("{}/busybox:latest", registry())]);
    let src = format!("{}/busybox:latest", registry());
    // A registry that wants credentials.
    let auth = std::env::var("SKIFF_TEST_AUTH_REGISTRY").expect("run through tests/run.sh");
    let r = t.run(["push", &src, &format!("{auth}/nocreds:v1")]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("skiff login") || r.stderr.contains("credentials"),
        "{}",
        r.describe()
    );
    // With them it works.
    let user = std::env::var("SKIFF_TEST_AUTH_USER").unwrap();
    let pass = std::env::var("SKIFF_TEST_AUTH_PASSWORD").unwrap();
    t.ok([
        "push",
        "-q",
        "--creds",
        &format!("{user}:{pass}"),
        &src,
        &format!("{auth}/withcreds:v1"),
    ]);
    // A registry that fails every manifest write: retried, then a clear error.
    let p = Proxy::with(
        &t,
        "fail",
        &["--fail-manifest-put", "--missing-repo", "gone"],
    );
    let r = t.run(["push", &src, &format!("{}/failing:v1", p.addr())]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("writing the manifest") && r.stderr.contains("500"),
        "{}",
        r.describe()
    );
    let tries = p
        .lines()
        .iter()
        .filter(|l| l.contains("(injected)"))
        .count();
    assert!(tries >= 3, "retried: {:#?}", p.lines());
    // A repository the registry does not have (404 on upload): named in the error.
    let r = t.run(["push", &src, &format!("{}/gone:v1", p.addr())]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("404") && r.stderr.contains("gone"),
        "{}",
        r.describe()
    );
    // Nobody listening.
    let r = t.run(["push", &src, "127.0.0.1:9/x:v1"]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("cannot reach"), "{}", r.describe());
    // An image that is not there; no destination for an unnamed image.
    let r = t.run(["push", "nosuch/image:v1"]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("not known"), "{}", r.describe());
    let _ = Path::new("");
}

#[test]
fn manifest_lists_are_made_pushed_and_read_by_skopeo() {
    let t = TestEnv::new("push-manifest");
    let src = format!("{}/busybox:latest", registry());
    t.ok(["pull", "-q", &src]);
    // A second image to stand for another platform.
    t.ok([
        "run",
        "--name",
        "c",
        &src,
        "sh",
        "-c",
        "echo arm > /platform",
    ]);
    t.ok(["commit", "-q", "c", "other:v1"]);
    t.ok(["rm", "c"]);
    assert_eq!(t.run(["manifest", "exists", "multi"]).code, 1);
    t.ok(["manifest", "create", "multi", &src]);
    assert_eq!(t.run(["manifest", "exists", "multi"]).code, 0);
    assert_eq!(
        t.run(["manifest", "create", "multi"]).code,
        125,
        "exists already"
    );
    t.ok([
        "manifest",
        "add",
        "--arch",
        "arm64",
        "--variant",
        "v8",
        "multi",
        "other:v1",
    ]);
    let idx = t.ok(["manifest", "inspect", "multi"]).json();
    assert_eq!(idx["manifests"].as_array().unwrap().len(), 2, "{idx}");
    assert_eq!(idx["manifests"][1]["platform"]["architecture"], "arm64");
    let second = idx["manifests"][1]["digest"].as_str().unwrap().to_string();
    t.ok([
        "manifest",
        "annotate",
        "--annotation",
        "org.example=yes",
        "multi",
        &second,
    ]);
    // Pushed: the images under their digests, the index under the tag.
    let dest = format!("{}/lists/multi-{}:v1", registry(), std::process::id());
    let digest = t
        .ok(["manifest", "push", "-q", "multi", &dest])
        .stdout
        .trim()
        .to_string();
    let raw = Command::new("skopeo")
        .args(["inspect", "--raw", "--tls-verify=false"])
        .arg(format!("docker://{dest}"))
        .output()
        .unwrap();
    let pushed: serde_json::Value = serde_json::from_slice(&raw.stdout).unwrap();
    assert_eq!(
        pushed["mediaType"],
        "application/vnd.oci.image.index.v1+json"
    );
    assert_eq!(pushed["manifests"][1]["annotations"]["org.example"], "yes");
    {
        use sha2::Digest;
        let hex: String = sha2::Sha256::digest(&raw.stdout)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(format!("sha256:{hex}"), digest, "the index as pushed");
    }
    let arm = Command::new("skopeo")
        .args([
            "inspect",
            "--tls-verify=false",
            "--override-arch",
            "arm64",
            "--override-variant",
            "v8",
        ])
        .args(["--format", "{{len .Layers}}"])
        .arg(format!("docker://{dest}"))
        .output()
        .unwrap();
    // The arm64 entry is the committed image: one layer more than busybox.
    assert_eq!(String::from_utf8_lossy(&arm.stdout).trim(), "2");
    // skiff pulls the arm64 entry back by platform.
    let t2 = TestEnv::new("push-manifest-pull");
    t2.ok(["pull", "-q", "--platform", "linux/arm64/v8", &dest]);
    assert_eq!(
        t2.ok(["run", "--rm", &dest, "cat", "/platform"]).stdout,
        "arm\n"
    );
    // Remote images with --all; rm; image exists.
    t.ok(["manifest", "create", "remote"]);
    let added = t.ok([
        "manifest",
        "add",
        "--all",
        "remote",
        &format!("docker://{}/multiarch:latest", registry()),
    ]);
    assert_eq!(added.stdout.lines().count(), 2, "{}", added.describe());
    t.ok(["manifest", "rm", "remote", "multi"]);
    assert_eq!(t.run(["manifest", "exists", "multi"]).code, 1);
    assert_eq!(t.run(["image", "exists", "other:v1"]).code, 0);
    assert_eq!(t.run(["image", "exists", "nosuch:v1"]).code, 1);
}

#[test]
fn signing_flags_are_refused_with_the_way_to_sign() {
    let t = crate::util::TestEnv::new("push-sign");
    for flag in ["--sign-by-sigstore-private-key", "--sign-passphrase-file"] {
        let r = t.run(["push", flag, "/nonexistent", "any:latest"]);
        assert_eq!(r.code, 125, "{}", r.describe());
        assert!(r.stderr.contains("cosign"), "{}", r.describe());
    }
}
