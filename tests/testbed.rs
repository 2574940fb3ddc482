//! The test bed itself is proven with clients independent of skiff: skopeo reads every fixture from
//! the test registry, and the blobs' digests match what the fixture builder recorded.

use std::process::Command;

use crate::util::{fixtures, registry};

fn skopeo_inspect(reference: &str, raw: bool) -> serde_json::Value {
    let mut c = Command::new("skopeo");
    c.args(["inspect", "--tls-verify=false"]);
    if raw {
        c.arg("--raw");
    }
    let out = c
        .arg(format!("docker://{}/{reference}", registry()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "skopeo inspect {reference}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn fixtures_are_served_by_the_registry() {
    let fx = fixtures();
    for name in ["busybox", "httpd", "layers", "zstd"] {
        let img = &fx[name];
        let j = skopeo_inspect(&format!("{name}:latest"), false);
        assert_eq!(j["Digest"], img["manifest_digest"], "{name}");
        assert_eq!(j["Layers"], img["layer_digests"], "{name}");
    }
    // httpd is a Docker schema2 image that exposes port 80.
    let raw = skopeo_inspect("httpd:latest", true);
    assert_eq!(
        raw["mediaType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    // zstd layers are really zstd.
    let raw = skopeo_inspect("zstd:latest", true);
    assert_eq!(
        raw["layers"][0]["mediaType"],
        "application/vnd.oci.image.layer.v1.tar+zstd"
    );
}

#[test]
fn index_fixtures_have_two_platforms_and_an_attestation() {
    let idx = skopeo_inspect("multiarch:latest", true);
    let plats: Vec<String> = idx["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{}/{}",
                m["platform"]["os"].as_str().unwrap(),
                m["platform"]["architecture"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(plats, ["linux/amd64", "linux/arm64", "unknown/unknown"]);
    let dl = skopeo_inspect("multiarch-docker:latest", true);
    assert_eq!(
        dl["mediaType"],
        "application/vnd.docker.distribution.manifest.list.v2+json"
    );
}

#[test]
fn blob_content_matches_its_digest_over_plain_http() {
    use sha2::Digest;
    let fx = fixtures();
    let layer = fx["busybox"]["layer_digests"][0].as_str().unwrap();
    let out = Command::new("curl")
        .args([
            "-sf",
            &format!("http://{}/v2/busybox/blobs/{layer}", registry()),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let got = sha2::Sha256::digest(&out.stdout);
    let hex: String = got.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(format!("sha256:{hex}"), layer);
}
