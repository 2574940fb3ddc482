//! The reliability campaign's hostile layers (tests/fixtures/hostile.py: 25 crafted cases), each
//! through `pull` and through `load`: nothing may land outside the layer directory (the host
//! directory the links aim at stays empty, /etc/passwd unchanged), a refused case says why (naming
//! the entry where there is one), and the store stays consistent (`system check`).

use std::path::Path;

use crate::util::TestEnv;

const TARGET: &str = "/tmp/skiff-hostile-target";

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
