//! Tests of cgroups.rs: the writes for each version, and the v2 path on a delegated tree.

use super::*;

#[test]
fn limits_become_v1_and_v2_writes() {
    let r = Resources {
        memory: Some(32 << 20),
        memory_swap: Some(64 << 20),
        cpu_quota: Some(50_000),
        cpu_period: Some(100_000),
        cpu_shares: Some(1024),
        pids_limit: Some(10),
        device_read_bps: vec![("8:0".into(), 1 << 20)],
        ..Default::default()
    };
    let has = |w: &[Write], c: &str, f: &str, v: &str| {
        w.contains(&(c.to_string(), f.to_string(), v.to_string()))
    };
    let v1 = writes_v1(&r);
    assert!(has(&v1, "memory", "memory.limit_in_bytes", "33554432"));
    assert!(has(
        &v1,
        "memory",
        "memory.memsw.limit_in_bytes",
        "67108864"
    ));
    assert!(has(&v1, "cpu", "cpu.cfs_quota_us", "50000"));
    assert!(has(&v1, "pids", "pids.max", "10"));
    assert!(has(
        &v1,
        "blkio",
        "blkio.throttle.read_bps_device",
        "8:0 1048576"
    ));
    let v2 = writes_v2(&r);
    assert!(has(&v2, "memory", "memory.max", "33554432"));
    assert!(has(&v2, "memory", "memory.swap.max", "33554432"));
    assert!(has(&v2, "cpu", "cpu.max", "50000 100000"));
    assert!(has(&v2, "cpu", "cpu.weight", "39"));
    assert!(has(&v2, "pids", "pids.max", "10"));
    assert!(has(&v2, "io", "io.max", "8:0 rbps=1048576"));
    assert!(Resources::default().is_empty());
    assert_eq!(
        writes_v2(&Resources {
            pids_limit: Some(-1),
            ..Default::default()
        }),
        vec![("pids".into(), "pids.max".into(), "max".to_string())]
    );
    // --blkio-weight-device, and --cgroup-conf as the OCI `unified` files (after the rest; a
    // cgroup.* file needs no controller).
    let v2 = writes_v2(&Resources {
        blkio_weight_device: vec![("8:0".into(), 500)],
        conf: vec![
            ("memory.high".into(), "64M".into()),
            ("cgroup.max.depth".into(), "2".into()),
        ],
        ..Default::default()
    });
    assert!(has(&v2, "io", "io.weight", "8:0 4950"), "{v2:?}");
    assert!(has(&v2, "memory", "memory.high", "64M"), "{v2:?}");
    assert!(has(&v2, "", "cgroup.max.depth", "2"), "{v2:?}");
}

/// The v2 path on a tree shaped like a delegated hierarchy (user@UID.service below the root,
/// the process in a scope below it): the files it writes and where.
#[test]
fn v2_cgroup_in_a_delegated_subtree() {
    let t = tempfile::tempdir().unwrap();
    let mount = t.path();
    std::fs::write(mount.join("cgroup.controllers"), "cpu io memory pids").unwrap();
    let svc = mount.join("user.slice/user@1000.service");
    let scope = svc.join("app.slice/x.scope");
    std::fs::create_dir_all(&scope).unwrap();
    for d in [&svc, &scope] {
        for f in ["cgroup.procs", "cgroup.subtree_control"] {
            std::fs::write(d.join(f), "").unwrap();
        }
        std::fs::write(d.join("cgroup.controllers"), "cpu memory pids").unwrap();
    }
    let own = vec![(
        String::new(),
        "/user.slice/user@1000.service/app.slice/x.scope".to_string(),
    )];
    let r = Resources {
        memory: Some(32 << 20),
        pids_limit: Some(10),
        ..Default::default()
    };
    let cg = Cgroup::create_in("abc", &r, mount, &own).unwrap().unwrap();
    assert!(cg.v2);
    // Root puts it under its own cgroup; a user under the subtree delegated to it.
    let base = if rustix::process::geteuid().is_root() {
        &scope
    } else {
        &svc
    };
    let dir = base.join("skiff/abc");
    assert_eq!(cg.dirs, vec![dir.clone()]);
    assert_eq!(
        std::fs::read_to_string(dir.join("memory.max")).unwrap(),
        "33554432"
    );
    assert_eq!(std::fs::read_to_string(dir.join("pids.max")).unwrap(), "10");
    let control = std::fs::read_to_string(base.join("skiff/cgroup.subtree_control")).unwrap();
    assert_eq!(control, "+memory +pids");
    cg.add(4242).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("cgroup.procs")).unwrap(),
        "4242"
    );
    // A controller the subtree lacks: refused, naming it.
    let io = Resources {
        blkio_weight: Some(100),
        ..Default::default()
    };
    let e = Cgroup::create_in("def", &io, mount, &own).unwrap_err();
    assert!(e.to_string().contains("the io controller"), "{e}");
    // Nothing to limit: no cgroup.
    assert!(Cgroup::create_in("x", &Resources::default(), mount, &own)
        .unwrap()
        .is_none());
}
