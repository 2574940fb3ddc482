//! A shell script written with podman's common CI idioms, run with `podman` pointed at skiff
//! (a function in the script), checking every output.

use crate::util::{registry, TestEnv};

#[test]
fn a_podman_ci_script_runs_unchanged() {
    // As root where the tests run as root: `--memory` needs a cgroup, which this machine (cgroup
    // v1) gives only to root; an unprivileged user gets a clear refusal instead (tests/flags.rs).
    let t = TestEnv::as_self("podman-script");
    let memory = if crate::util::is_root() {
        "--memory 64m"
    } else {
        ""
    };
    let skiff = crate::util::skiff_bin();
    let script = format!(
        r#"set -eu
podman() {{ '{skiff}' --root '{root}' --runroot '{run}' "$@"; }}
REG={reg}
fail() {{ echo "FAIL: $*" >&2; exit 1; }}
podman rm -t 0 --all --force --ignore
podman pull --tls-verify=false -q $REG/busybox:latest >/dev/null
podman run --rm {memory} --shm-size 128m -e GREETING=hi --label ci=yes $REG/busybox:latest \
  sh -c 'echo $GREETING; df -k /dev/shm | tail -1 | awk "{{print \$2}}"' > out.txt
[ "$(cat out.txt)" = "hi
131072" ] || fail "run output: $(cat out.txt)"
podman run -d --name web-b --label ci=yes $REG/busybox:latest sleep 60 >/dev/null
podman run -d --name web-a --label ci=yes $REG/busybox:latest sleep 60 >/dev/null
podman create --name other $REG/busybox:latest true >/dev/null
names=$(podman ps --filter label=ci=yes --format '{{{{.Names}}}}' --sort names --noheading | tr '\n' ' ')
[ "$names" = "web-a web-b " ] || fail "ps: $names"
[ "$(podman inspect -l --format '{{{{.Name}}}}')" = "other" ] || fail "inspect -l"
podman stop -l >/dev/null
podman stop -t 0 web-a web-b >/dev/null
podman ps -a --filter status=exited --format '{{{{.Names}}}}' --sort names | tr '\n' ' ' > exited.txt
[ "$(cat exited.txt)" = "web-a web-b " ] || fail "exited: $(cat exited.txt)"
podman wait web-a >/dev/null
podman rm -t 0 --all --force --ignore >/dev/null
[ -z "$(podman ps -aq)" ] || fail "left containers"
set +e; podman rm nosuch 2>/dev/null; rc=$?; set -e
[ $rc -eq 1 ] || fail "rm nosuch: exit $rc, podman's is 1"
echo ALL-OK
"#,
        skiff = skiff.display(),
        root = t.root.display(),
        run = t.runroot.display(),
        reg = registry(),
        memory = memory,
    );
    let mut c = t.bare_cmd("bash");
    c.arg("-c").arg(&script);
    let r = crate::util::Run::from(c.output().unwrap());
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(r.stdout.trim(), "ALL-OK", "{}", r.describe());
}
