//! `skiff info` reports the real state of the machine, as the unprivileged user.

use crate::util::{is_root, TestEnv, NOSUB_USER};

fn cgroup2_root() -> bool {
    // statfs magic of cgroup2 is 0x63677270
    let out = std::process::Command::new("stat")
        .args(["-f", "-c", "%T", "/sys/fs/cgroup"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "cgroup2fs"
}

#[test]
fn info_json_matches_the_host() {
    let t = TestEnv::new("info");
    let j = t.ok(["info", "--format", "json"]).json();
    let host = &j["host"];
    let uid = t
        .user
        .as_ref()
        .map(|u| u.uid)
        .unwrap_or_else(|| nix::unistd::geteuid().as_raw());
    assert_eq!(host["uid"], uid);
    assert_eq!(host["rootless"], uid != 0);
    assert_eq!(j["store"]["graphRoot"], t.root.to_str().unwrap());
    assert_eq!(j["store"]["runRoot"], t.runroot.to_str().unwrap());
    if is_root() {
        // tests/setup-host.sh gives skiff-test 200000:65536.
        assert_eq!(host["idMappings"]["subuidRanges"][0]["start"], 200000);
        assert_eq!(host["idMappings"]["subuidRanges"][0]["count"], 65536);
        assert_eq!(host["idMappings"]["mapping"]["kind"], "sub-ids");
        assert_eq!(host["idMappings"]["newuidmap"]["privilege"], "setuid");
    }
    // The probe result is real: this kernel (>= 5.11) supports overlay in a user namespace.
    assert_eq!(j["store"]["overlay"]["nativeOverlay"], true, "{j:#}");
    assert_eq!(j["store"]["overlay"]["whiteouts"], true, "{j:#}");
    let pasta = std::path::Path::new("/usr/bin/pasta").exists();
    assert_eq!(host["network"]["pasta"]["path"].is_string(), pasta);
    let problems = j["problems"].as_array().unwrap();
    let has = |check: &str| problems.iter().any(|p| p["check"] == check);
    assert_eq!(
        has("cgroups"),
        !cgroup2_root() && uid != 0,
        "cgroup problem must match the host: {problems:?}"
    );
    assert!(!has("subordinate ids") || !is_root(), "{problems:?}");
    // Nothing left behind by the probe.
    let leftovers: Vec<_> = std::fs::read_dir(&t.root).unwrap().collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn info_text_names_each_problem_with_a_fix() {
    if !is_root() {
        eprintln!("needs root to switch to {NOSUB_USER}; covered by the JSON test otherwise");
        return;
    }
    let t = TestEnv::as_user("info-nosub", NOSUB_USER);
    let r = t.ok(["info"]);
    assert!(r.stdout.contains("subuids: none"), "{}", r.describe());
    assert!(r.stdout.contains("mapping: SingleId"), "{}", r.describe());
    assert!(
        r.stdout.contains("fix: as root: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 skiff-nosub"),
        "{}",
        r.describe()
    );
}

#[test]
fn runroot_falls_back_to_a_private_dir_without_xdg_runtime_dir() {
    let t = TestEnv::new("fallback");
    let mut c = t.bare_cmd(crate::util::skiff_bin());
    c.args(["--root"])
        .arg(&t.root)
        .args(["info", "--format", "json"]);
    let r = crate::util::Run::from(c.output().unwrap());
    assert_eq!(r.code, 0, "{}", r.describe());
    let j = r.json();
    assert_eq!(j["store"]["runRootFallback"], true);
    let rr = std::path::PathBuf::from(j["store"]["runRoot"].as_str().unwrap());
    assert!(rr.starts_with(t.home.join("tmp")), "{rr:?}");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&rr).unwrap().permissions().mode() & 0o777,
        0o700
    );
}

#[test]
fn runroot_owned_by_someone_else_is_refused() {
    if !is_root() {
        return;
    }
    let t = TestEnv::new("foreign-runroot");
    let foreign = t.dir.join("foreign");
    std::fs::create_dir(&foreign).unwrap(); // owned by root
    let mut c = t.bare_cmd(crate::util::skiff_bin());
    c.arg("--root")
        .arg(&t.root)
        .arg("--runroot")
        .arg(&foreign)
        .arg("info");
    let r = crate::util::Run::from(c.output().unwrap());
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(
        r.stderr.contains("not a private directory"),
        "{}",
        r.describe()
    );
}
