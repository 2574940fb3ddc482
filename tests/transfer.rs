//! Shipping images: save and load, checked against tools that are not skiff (skopeo, podman).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{registry, TestEnv};

fn img(name: &str) -> String {
    format!("{}/{name}:latest", registry())
}

/// Run a peer tool (as root, the test process), expect success, return stdout.
fn peer(args: &[&str]) -> String {
    let out = Command::new(args[0]).args(&args[1..]).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn readable(p: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o644));
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn save_and_load_round_trip_through_skopeo() {
    let t = TestEnv::new("xfer-skopeo");
    t.ok(["pull", "-q", &img("busybox")]);
    let layers_before = t
        .ok([
            "image",
            "inspect",
            "--format",
            "{{json .RootFS.Layers}}",
            &img("busybox"),
        ])
        .stdout;
    // skiff's docker-archive and oci-archive, read by skopeo: same config, same layer diff ids.
    let dar = t.dir.join("bb.tar");
    let oar = t.dir.join("bb-oci.tar");
    t.ok(["save", "-o", dar.to_str().unwrap(), &img("busybox")]);
    t.ok([
        "save",
        "--format",
        "oci-archive",
        "-o",
        oar.to_str().unwrap(),
        &img("busybox"),
    ]);
    for (transport, f) in [("docker-archive", &dar), ("oci-archive", &oar)] {
        let raw = peer(&[
            "skopeo",
            "inspect",
            "--config",
            &format!("{transport}:{}", f.display()),
        ]);
        let cfg: serde_json::Value = serde_json::from_str(&raw).unwrap();
        let ours = t.ok([
            "image",
            "inspect",
            "--format",
            "{{json .RootFS.Layers}}",
            &img("busybox"),
        ]);
        assert_eq!(
            cfg["rootfs"]["diff_ids"].to_string(),
            ours.stdout.trim(),
            "{transport}"
        );
    }
    // skopeo converts skiff's archive to another format; skiff loads that and runs it.
    let conv = t.dir.join("via-skopeo.tar");
    peer(&[
        "skopeo",
        "copy",
        "-q",
        &format!("docker-archive:{}", dar.display()),
        &format!("oci-archive:{}:localhost/converted:v1", conv.display()),
    ]);
    readable(&conv);
    t.ok(["rmi", "-a", "-f"]);
    let r = t.ok(["load", "-i", conv.to_str().unwrap()]);
    assert_eq!(
        r.stdout,
        "Loaded image: localhost/converted:v1\n",
        "{}",
        r.describe()
    );
    // (skopeo rewrites the config for OCI, so the id changes; the layers do not)
    assert_eq!(
        t.ok([
            "image",
            "inspect",
            "--format",
            "{{json .RootFS.Layers}}",
            "localhost/converted:v1"
        ])
        .stdout,
        layers_before
    );
    assert_eq!(
        t.ok(["run", "--rm", "localhost/converted:v1", "echo", "ran"])
            .stdout,
        "ran\n"
    );
    // A docker-archive skopeo made from the registry, compressed, on stdin.
    let peer_tar = t.dir.join("peer.tar");
    peer(&[
        "skopeo",
        "copy",
        "-q",
        "--src-tls-verify=false",
        &format!("docker://{}", img("busybox")),
        &format!("docker-archive:{}:peer/busybox:latest", peer_tar.display()),
    ]);
    peer(&["gzip", "-k", peer_tar.to_str().unwrap()]);
    let gz = PathBuf::from(format!("{}.gz", peer_tar.display()));
    readable(&gz);
    let out = t
        .cmd(["load"])
        .stdin(std::fs::File::open(&gz).unwrap())
        .output()
        .unwrap();
    let r = crate::util::Run::from(out);
    assert_eq!(
        r.stdout,
        "Loaded image: docker.io/peer/busybox:latest\n",
        "{}",
        r.describe()
    );
    assert_eq!(
        t.ok(["run", "--rm", "peer/busybox", "echo", "ok"]).stdout,
        "ok\n"
    );
    // Several images in one archive; directory formats.
    let multi = t.dir.join("multi.tar");
    t.ok([
        "save",
        "-m",
        "-o",
        multi.to_str().unwrap(),
        "localhost/converted:v1",
        "peer/busybox",
    ]);
    let listed = peer(&["tar", "-xOf", multi.to_str().unwrap(), "manifest.json"]);
    assert!(
        listed.contains("localhost/converted:v1")
            && listed.contains("docker.io/peer/busybox:latest"),
        "{listed}"
    );
    let dir = t.dir.join("ocidir");
    t.ok([
        "save",
        "--format",
        "oci-dir",
        "-o",
        dir.to_str().unwrap(),
        "peer/busybox",
    ]);
    peer(&["skopeo", "inspect", &format!("oci:{}", dir.display())]);
    // Loaded from a docker-archive, the layer is a plain tar; --compress gzips it for the dir.
    let gzdir = t.dir.join("ocidir-gz");
    t.ok([
        "save",
        "--format",
        "oci-dir",
        "--compress",
        "-o",
        gzdir.to_str().unwrap(),
        "peer/busybox",
    ]);
    let raw = peer(&[
        "skopeo",
        "inspect",
        "--raw",
        &format!("oci:{}", gzdir.display()),
    ]);
    assert!(raw.contains("tar+gzip"), "{raw}");
    let ddir = t.dir.join("dockerdir");
    t.ok([
        "save",
        "--format",
        "docker-dir",
        "-o",
        ddir.to_str().unwrap(),
        "peer/busybox",
    ]);
    peer(&["skopeo", "inspect", &format!("dir:{}", ddir.display())]);
    t.ok(["rmi", "-a", "-f"]);
}

#[test]
fn podman_reads_our_archives_and_we_read_podmans() {
    if !have("podman") || !crate::util::is_root() {
        eprintln!("podman not installed: skipped");
        return;
    }
    let t = TestEnv::new("xfer-podman");
    let p = t.dir.join("podman");
    // (podman refuses a runroot path longer than 50 characters)
    let run = tempfile::Builder::new()
        .prefix("pr")
        .tempdir_in("/tmp")
        .unwrap();
    let podman = |args: &[&str]| {
        let mut v = vec![
            "podman",
            "--root",
            p.to_str().unwrap(),
            "--runroot",
            run.path().to_str().unwrap(),
            "--storage-driver",
            "vfs",
        ];
        v.extend_from_slice(args);
        peer(&v)
    };
    t.ok(["pull", "-q", &img("busybox")]);
    let ours = t.dir.join("ours.tar");
    t.ok(["save", "-o", ours.to_str().unwrap(), &img("busybox")]);
    podman(&["load", "-q", "-i", ours.to_str().unwrap()]);
    let id = t
        .ok(["images", "-q", "--no-trunc"])
        .stdout
        .trim()
        .to_string();
    let theirs = podman(&["images", "-q", "--no-trunc"]);
    assert_eq!(theirs.trim(), id, "podman sees the same image id");
    for fmt in ["docker-archive", "oci-archive"] {
        let f = t.dir.join(format!("podman-{fmt}.tar"));
        podman(&[
            "save",
            "-q",
            "--format",
            fmt,
            "-o",
            f.to_str().unwrap(),
            &img("busybox"),
        ]);
        readable(&f);
        t.ok(["rmi", "-a", "-f"]);
        let r = t.ok(["load", "-i", f.to_str().unwrap()]);
        assert!(r.stdout.contains("Loaded image: "), "{}", r.describe());
        if fmt == "docker-archive" {
            // (for oci-archive podman rewrites the config, and with it the id)
            assert_eq!(
                t.ok(["images", "-q", "--no-trunc"]).stdout.trim(),
                id,
                "{fmt}"
            );
        }
        assert_eq!(
            t.ok(["run", "--rm", &img("busybox"), "echo", fmt]).stdout,
            format!("{fmt}\n")
        );
    }
    t.ok(["rmi", "-a", "-f"]);
}

#[test]
fn bad_archives_are_refused_and_the_store_stays_unchanged() {
    let t = TestEnv::new("xfer-bad");
    t.ok(["pull", "-q", &img("busybox")]);
    let good = t.dir.join("good.tar");
    t.ok([
        "save",
        "--format",
        "oci-archive",
        "-o",
        good.to_str().unwrap(),
        &img("busybox"),
    ]);
    t.ok(["rmi", "-a", "-f"]);
    let load = |f: &Path| t.run(["load", "-i", f.to_str().unwrap()]);
    let images = || t.ok(["images", "-q"]).stdout;
    // A random file; a truncated archive.
    let junk = t.dir.join("junk");
    std::fs::write(&junk, vec![7u8; 10_000]).unwrap();
    let r = load(&junk);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("not a tar archive") || r.stderr.contains("neither"),
        "{}",
        r.describe()
    );
    let bytes = std::fs::read(&good).unwrap();
    let cut = t.dir.join("cut.tar");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let r = load(&cut);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("truncated") || r.stderr.contains("no member"),
        "{}",
        r.describe()
    );
    // A layer whose content does not match its digest: the error names the blob.
    let dir = t.dir.join("x");
    std::fs::create_dir_all(&dir).unwrap();
    peer(&[
        "tar",
        "-xf",
        good.to_str().unwrap(),
        "-C",
        dir.to_str().unwrap(),
    ]);
    let idx: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let mdigest = idx["manifests"][0]["digest"]
        .as_str()
        .unwrap()
        .trim_start_matches("sha256:");
    let m: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("blobs/sha256").join(mdigest)).unwrap(),
    )
    .unwrap();
    let layer = m["layers"][0]["digest"]
        .as_str()
        .unwrap()
        .trim_start_matches("sha256:");
    let lp = dir.join("blobs/sha256").join(layer);
    let mut data = std::fs::read(&lp).unwrap();
    let n = data.len();
    data[n / 2] ^= 0xff;
    std::fs::write(&lp, &data).unwrap();
    let bad = t.dir.join("bad-digest.tar");
    peer(&[
        "tar",
        "-cf",
        bad.to_str().unwrap(),
        "-C",
        dir.to_str().unwrap(),
        ".",
    ]);
    readable(&bad);
    let r = load(&bad);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains(layer) && r.stderr.contains("does not match"),
        "{}",
        r.describe()
    );
    // The manifest names a layer the archive lacks.
    std::fs::remove_file(&lp).unwrap();
    let missing = t.dir.join("missing.tar");
    peer(&[
        "tar",
        "-cf",
        missing.to_str().unwrap(),
        "-C",
        dir.to_str().unwrap(),
        ".",
    ]);
    readable(&missing);
    let r = load(&missing);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("no member") && r.stderr.contains(layer),
        "{}",
        r.describe()
    );
    // Hostile layers: the pull's unpacker rules hold. `../` and absolute paths stay inside the
    // layer; a hardlink to a host file is refused, naming the entry.
    let peer_archive = |name: &str| {
        let f = t.dir.join(format!("{name}.tar"));
        peer(&[
            "skopeo",
            "copy",
            "-q",
            "--src-tls-verify=false",
            &format!("docker://{}", img(name)),
            &format!("docker-archive:{}:{name}:latest", f.display()),
        ]);
        readable(&f);
        f
    };
    let r = load(&peer_archive("escape-hardlink"));
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(r.stderr.contains("linked-passwd"), "{}", r.describe());
    assert_eq!(images(), "", "nothing was stored");
    let r = load(&peer_archive("escape"));
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(
        !Path::new("/tmp/skiff-escape-dotdot").exists(),
        "../ escaped"
    );
    t.ok(["rmi", "-a", "-f"]);
    let leftovers: Vec<_> = std::fs::read_dir(t.root.join("layers"))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        leftovers
            .iter()
            .all(|n| !n.to_string_lossy().starts_with(".tmp")),
        "{leftovers:?}"
    );
}
