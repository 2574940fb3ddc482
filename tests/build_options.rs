//! `skiff build` options that shape the result: --squash, --squash-all, --annotation, --network,
//! --env/--unsetenv, --timestamp (reproducible ids), --iidfile.

use crate::util::{registry, TestEnv};

#[test]
fn squash_annotations_network_env_and_reproducible_timestamps() {
    let t = TestEnv::new("build-opts");
    let reg = registry();
    let ctx = t.dir.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Containerfile"),
        format!(
            "FROM {reg}/busybox\nRUN echo one > /one\nRUN rm /bin/ls && echo two > /two\n\
             COPY file.txt /file.txt\nENV KEEP=1 DROP=2\n"
        ),
    )
    .unwrap();
    std::fs::write(ctx.join("file.txt"), "copied\n").unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&ctx, u.uid, u.gid);
    }
    let c = ctx.to_str().unwrap();
    let layers = |name: &str| {
        t.ok([
            "image",
            "inspect",
            "--format",
            "{{len .RootFS.Layers}}",
            name,
        ])
        .stdout
        .trim()
        .parse::<usize>()
        .unwrap()
    };
    t.ok(["pull", "-q", &format!("{reg}/busybox")]);
    let base = layers(&format!("{reg}/busybox"));
    t.ok(["build", "-q", "-t", "plain:v1", c]);
    assert_eq!(layers("plain:v1"), base + 3);
    // --squash: the build's three layers become one on the base image's.
    t.ok(["build", "-q", "--squash", "-t", "sq:v1", c]);
    assert_eq!(layers("sq:v1"), base + 1);
    let check = "cat /one /two /file.txt; test -e /bin/ls || echo no-ls";
    assert_eq!(
        t.ok(["run", "--rm", "sq:v1", "sh", "-c", check]).stdout,
        "one\ntwo\ncopied\nno-ls\n"
    );
    // --squash-all: one layer for everything.
    t.ok(["build", "-q", "--squash-all", "-t", "all:v1", c]);
    assert_eq!(layers("all:v1"), 1);
    assert_eq!(
        t.ok(["run", "--rm", "all:v1", "sh", "-c", check]).stdout,
        "one\ntwo\ncopied\nno-ls\n"
    );
    // --annotation lands in the manifest; --env/--unsetenv in the final config.
    let iid = t.dir.join("iid");
    t.ok([
        "build",
        "-q",
        "--annotation",
        "org.example.note=hello",
        "--env",
        "ADDED=3",
        "--unsetenv",
        "DROP",
        "--iidfile",
        iid.to_str().unwrap(),
        "-t",
        "ann:v1",
        c,
    ]);
    let saved = t.dir.join("ann");
    t.ok([
        "save",
        "--format",
        "oci-dir",
        "-o",
        saved.to_str().unwrap(),
        "ann:v1",
    ]);
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(saved.join("index.json")).unwrap()).unwrap();
    let m = index["manifests"][0]["digest"]
        .as_str()
        .unwrap()
        .trim_start_matches("sha256:");
    let manifest = std::fs::read_to_string(saved.join("blobs/sha256").join(m)).unwrap();
    assert!(manifest.contains("org.example.note"), "{manifest}");
    let env = t
        .ok([
            "image",
            "inspect",
            "--format",
            "{{json .Config.Env}}",
            "ann:v1",
        ])
        .stdout;
    assert!(
        env.contains("KEEP=1") && env.contains("ADDED=3") && !env.contains("DROP"),
        "{env}"
    );
    assert!(std::fs::read_to_string(&iid)
        .unwrap()
        .starts_with("sha256:"));
    // --network none for the RUN steps.
    std::fs::write(
        ctx.join("Net"),
        format!("FROM {reg}/busybox\nRUN cat /proc/net/dev | grep -c : > /ifaces\n"),
    )
    .unwrap();
    t.ok([
        "build",
        "-q",
        "--no-cache",
        "--network",
        "none",
        "-f",
        ctx.join("Net").to_str().unwrap(),
        "-t",
        "net:v1",
        c,
    ]);
    assert_eq!(
        t.ok(["run", "--rm", "net:v1", "cat", "/ifaces"]).stdout,
        "1\n",
        "only lo"
    );
    // --timestamp: the same inputs give the same image, build after build (no RUN: its files'
    // times are the run's own).
    std::fs::write(
        ctx.join("Repro"),
        format!("FROM {reg}/busybox\nCOPY file.txt /file.txt\nLABEL a=b\n"),
    )
    .unwrap();
    let repro = |tag: &str| {
        t.ok([
            "build",
            "-q",
            "--no-cache",
            "--timestamp",
            "1700000000",
            "-f",
            ctx.join("Repro").to_str().unwrap(),
            "-t",
            tag,
            c,
        ])
        .stdout
    };
    let a = repro("r:1");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = repro("r:2");
    assert_eq!(a, b, "reproducible with --timestamp");
    // builder prune: the cache and the intermediate images go; tagged images stay.
    let before = t.ok(["images", "-a", "-q"]).stdout.lines().count();
    t.ok(["builder", "prune", "-a", "-f"]);
    let after = t.ok(["images", "-a", "-q"]).stdout.lines().count();
    assert!(after < before, "{before} -> {after}");
    assert!(t.ok(["image", "exists", "sq:v1"]).code == 0);
    let r = t.ok(["build", "-t", "plain:v2", c]);
    assert!(!r.stdout.contains("Using cache"), "{}", r.describe());
}

#[test]
fn a_build_killed_midway_leaves_nothing_running_and_the_next_one_works() {
    let t = TestEnv::new("build-kill");
    let reg = registry();
    let ctx = t.dir.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Containerfile"),
        format!("FROM {reg}/busybox\nRUN echo started > /tmp/started; sleep 60\n"),
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&ctx, u.uid, u.gid);
    }
    let c = ctx.to_str().unwrap();
    let mut child = t
        .cmd(["build", "-t", "k:v1", c])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let up = || {
        t.ok(["ps", "--format", "{{.Names}}"])
            .stdout
            .contains("skiff-build-")
    };
    let mut seen = false;
    for _ in 0..200 {
        if up() {
            seen = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(seen, "the RUN step started");
    // kill -9 the build (runuser's child when switching users: kill the whole group).
    let pid = child.id() as i32;
    let _ = nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::Signal::SIGKILL,
    );
    let _ = std::process::Command::new("pkill")
        .args(["-9", "-f", &format!("{} build -t k:v1", t.root.display())])
        .status();
    let _ = child.wait();
    let mut gone = false;
    for _ in 0..100 {
        if !up() {
            gone = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(gone, "the step's container died with the build");
    // The next build works, and cleans the dead step's record; the store is sound.
    std::fs::write(
        ctx.join("Containerfile"),
        format!("FROM {reg}/busybox\nRUN true\n"),
    )
    .unwrap();
    t.ok(["build", "-q", "-t", "k:v1", c]);
    assert_eq!(t.ok(["ps", "-aq"]).stdout, "");
    let r = t.ok(["system", "check"]);
    assert!(
        format!("{}{}", r.stdout, r.stderr).contains("No problems"),
        "{}",
        r.describe()
    );
}

#[test]
fn a_context_of_100k_files_builds() {
    let t = TestEnv::new("build-100k");
    let reg = registry();
    let ctx = t.dir.join("ctx");
    for d in 0..100 {
        let dir = ctx.join(format!("tree/d{d}"));
        std::fs::create_dir_all(&dir).unwrap();
        for f in 0..1000 {
            std::fs::write(dir.join(format!("f{f}")), b"").unwrap();
        }
    }
    std::fs::write(
        ctx.join("Containerfile"),
        format!("FROM {reg}/busybox\nCOPY tree/ /tree/\nRUN find /tree -type f | wc -l > /count\n"),
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&ctx, u.uid, u.gid);
    }
    t.ok(["build", "-q", "-t", "many:v1", ctx.to_str().unwrap()]);
    assert_eq!(
        t.ok(["run", "--rm", "many:v1", "cat", "/count"]).stdout,
        "100000\n"
    );
}

#[test]
fn copy_exclude_and_parents() {
    let t = TestEnv::new("build-copyflags");
    let reg = registry();
    let ctx = t.dir.join("ctx");
    for (f, text) in [
        ("src/a/one.txt", "1"),
        ("src/a/skip.tmp", "x"),
        ("src/b/two.txt", "2"),
        ("conf/app/x.conf", "c"),
    ] {
        let p = ctx.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    std::fs::write(
        ctx.join("Containerfile"),
        format!(
            "FROM {reg}/busybox\nCOPY --exclude=*.tmp --exclude=b src/ /out/\n\
             COPY --parents conf/app/x.conf src/b/two.txt /kept/\n"
        ),
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&ctx, u.uid, u.gid);
    }
    t.ok(["build", "-q", "-t", "cf:v1", ctx.to_str().unwrap()]);
    let r = t.ok([
        "run",
        "--rm",
        "cf:v1",
        "sh",
        "-c",
        "cd / && find out kept -type f | sort",
    ]);
    assert_eq!(
        r.stdout,
        "kept/conf/app/x.conf\nkept/src/b/two.txt\nout/a/one.txt\n",
        "{}",
        r.describe()
    );
}

#[test]
fn run_mount_bind_from_a_stage() {
    let t = TestEnv::new("build-bindfrom");
    let reg = registry();
    let ctx = t.dir.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Containerfile"),
        format!(
            "FROM {reg}/busybox AS tools\nRUN mkdir -p /opt/kit && echo 'echo from-the-kit' > /opt/kit/run.sh\n\n\
             FROM {reg}/busybox\nRUN --mount=type=bind,from=tools,source=/opt/kit,target=/kit sh /kit/run.sh > /result\n"
        ),
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&ctx, u.uid, u.gid);
    }
    t.ok(["build", "-q", "-t", "bf:v1", ctx.to_str().unwrap()]);
    let r = t.ok([
        "run",
        "--rm",
        "bf:v1",
        "sh",
        "-c",
        "cat /result; test -e /kit || echo no-kit",
    ]);
    assert_eq!(r.stdout, "from-the-kit\nno-kit\n", "{}", r.describe());
}

#[test]
fn entrypoint_resets_cmd_layers_false_cache_ttl_proxies_heredoc_copy_and_reproducible_runs() {
    let t = TestEnv::new("build-sem");
    let reg = registry();
    let ctx = t.dir.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    // The parent sets a CMD; a child's ENTRYPOINT resets it (docker's rule).
    std::fs::write(
        ctx.join("Parent"),
        format!("FROM {reg}/busybox\nCMD [\"echo\", \"parent\"]\n"),
    )
    .unwrap();
    std::fs::write(
        ctx.join("Child"),
        "FROM localhost/parent:v1\nENTRYPOINT [\"echo\"]\nCOPY <<EOT /greeting.txt\nhello from a heredoc\nEOT\n\
         RUN echo \"proxy=$HTTP_PROXY\" > /proxy && cat /proc/sys/kernel/random/uuid > /when\n",
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&ctx, u.uid, u.gid);
    }
    let c = ctx.to_str().unwrap();
    let f = |n: &str| ctx.join(n).to_str().unwrap().to_string();
    t.ok(["build", "-q", "-f", &f("Parent"), "-t", "parent:v1", c]);
    let args = |extra: &[&str]| {
        let mut v = vec!["build".to_string(), "-q".into(), "-f".into(), f("Child")];
        v.extend(extra.iter().map(|s| s.to_string()));
        v.push(c.to_string());
        t.ok(v).stdout.trim().to_string()
    };
    let id = args(&[
        "--build-arg",
        "HTTP_PROXY=http://proxy.example:3128",
        "-t",
        "child:v1",
    ]);
    let cfg = t.ok([
        "image",
        "inspect",
        "--format",
        "{{json .Config.Cmd}}",
        "child:v1",
    ]);
    assert_eq!(
        cfg.stdout.trim(),
        "null",
        "ENTRYPOINT reset the inherited CMD"
    );
    assert_eq!(
        t.ok([
            "run",
            "--rm",
            "--entrypoint",
            "cat",
            "child:v1",
            "/greeting.txt",
            "/proxy"
        ])
        .stdout,
        "hello from a heredoc\nproxy=http://proxy.example:3128\n"
    );
    let h = t.ok(["image", "history", "--no-trunc", "child:v1"]).stdout;
    assert!(
        !h.contains("proxy.example"),
        "proxy args stay out of the history: {h}"
    );
    // Cached by default; --layers=false and an expired --cache-ttl build again.
    assert_eq!(
        args(&["--build-arg", "HTTP_PROXY=http://proxy.example:3128"]),
        id
    );
    assert_ne!(
        args(&[
            "--layers=false",
            "--build-arg",
            "HTTP_PROXY=http://proxy.example:3128"
        ]),
        id
    );
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let a = args(&[
        "--cache-ttl",
        "1s",
        "--build-arg",
        "HTTP_PROXY=http://proxy.example:3128",
    ]);
    assert_ne!(a, id);
    // --timestamp: a RUN's files get the time too, so two builds of the same file agree.
    std::fs::write(
        ctx.join("Repro"),
        format!("FROM {reg}/busybox\nRUN echo same > /same && mkdir /d\n"),
    )
    .unwrap();
    let r1 = t
        .ok([
            "build",
            "-q",
            "--no-cache",
            "--timestamp",
            "1700000000",
            "-f",
            &f("Repro"),
            c,
        ])
        .stdout;
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let r2 = t
        .ok([
            "build",
            "-q",
            "--no-cache",
            "--timestamp",
            "1700000000",
            "-f",
            &f("Repro"),
            c,
        ])
        .stdout;
    assert_eq!(r1, r2, "the same inputs, the same image");
}

#[test]
fn run_step_container_flags_platform_checks_manifest_logfile_and_from() {
    let t = TestEnv::new("build-runflags");
    let reg = registry();
    let ctx = t.dir.join("ctx");
    let data = t.dir.join("data");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("value"), "from-a-volume\n").unwrap();
    // FROM scratch is replaced by --from.
    std::fs::write(
        ctx.join("Containerfile"),
        "FROM scratch\nRUN (grep -c '10.1.2.3.*myhost' /etc/hosts; cat /mnt/value; ulimit -n; \
         grep -c 'nameserver 9.9.9.9' /etc/resolv.conf; touch /o2; chown 1 /o2 2>/dev/null && echo can-chown || echo no-chown) > /out\n",
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.dir, u.uid, u.gid);
    }
    let log = t.dir.join("build.log");
    let r = t.ok([
        "build",
        "-t",
        "flags:v1",
        "--from",
        &format!("{reg}/busybox"),
        "--add-host",
        "myhost:10.1.2.3",
        "-v",
        &format!("{}:/mnt:ro", data.display()),
        "--ulimit",
        "nofile=321:321",
        "--dns",
        "9.9.9.9",
        "--cap-drop",
        "CHOWN",
        "--omit-history",
        "--os-version",
        "10.0",
        "--manifest",
        "flags-list",
        "--logfile",
        log.to_str().unwrap(),
        "--jobs",
        "2",
        ctx.to_str().unwrap(),
    ]);
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        logged.contains("STEP") || logged.contains("RUN"),
        "{logged}\n{}",
        r.describe()
    );
    let out = t.ok(["run", "--rm", "flags:v1", "cat", "/out"]);
    assert_eq!(
        out.stdout.split_whitespace().collect::<Vec<_>>(),
        ["1", "from-a-volume", "321", "1", "no-chown"],
        "{}",
        out.describe()
    );
    // The volume is not in the image.
    let r = t.ok(["run", "--rm", "flags:v1", "sh", "-c", "ls /mnt | wc -l"]);
    assert_eq!(r.stdout.trim(), "0", "{}", r.describe());
    let cfg = t.ok(["image", "inspect", "flags:v1"]).json();
    assert!(
        cfg[0]["History"].as_array().is_none_or(|h| h.is_empty()),
        "{cfg}"
    );
    assert_eq!(t.run(["manifest", "exists", "flags-list"]).code, 0);
    // --output: the image's files in a directory, or as a tar.
    let outdir = t.dir.join("outdir");
    let outtar = t.dir.join("out.tar");
    for out in [
        outdir.display().to_string(),
        format!("type=tar,dest={}", outtar.display()),
    ] {
        t.ok([
            "build",
            "-q",
            "--from",
            &format!("{reg}/busybox"),
            "--add-host",
            "myhost:10.1.2.3",
            "-v",
            &format!("{}:/mnt:ro", data.display()),
            "--ulimit",
            "nofile=321:321",
            "--dns",
            "9.9.9.9",
            "--cap-drop",
            "CHOWN",
            "-o",
            &out,
            ctx.to_str().unwrap(),
        ]);
    }
    let written = std::fs::read_to_string(outdir.join("out")).unwrap_or_default();
    assert!(written.contains("from-a-volume"), "{written:?}");
    assert!(outdir.join("bin/busybox").exists());
    let mut names = Vec::new();
    for e in tar::Archive::new(std::fs::File::open(&outtar).unwrap())
        .entries()
        .unwrap()
    {
        names.push(e.unwrap().path().unwrap().display().to_string());
    }
    assert!(
        names.iter().any(|n| n.trim_start_matches("./") == "out"),
        "{names:?}"
    );
    // --build-context: a directory for COPY --from, an image for FROM.
    let extra = t.dir.join("extra");
    let ctx2 = t.dir.join("ctx2");
    std::fs::create_dir_all(&extra).unwrap();
    std::fs::create_dir_all(&ctx2).unwrap();
    std::fs::write(extra.join("hello.txt"), "from-a-named-context\n").unwrap();
    std::fs::write(
        ctx2.join("Containerfile"),
        "FROM base\nCOPY --from=extra hello.txt /hello.txt\n",
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.dir, u.uid, u.gid);
    }
    t.ok([
        "build",
        "-q",
        "-t",
        "named:v1",
        "--build-context",
        &format!("extra={}", extra.display()),
        "--build-context",
        &format!("base=docker-image://{reg}/busybox"),
        ctx2.to_str().unwrap(),
    ]);
    let r = t.ok(["run", "--rm", "named:v1", "cat", "/hello.txt"]);
    assert_eq!(r.stdout, "from-a-named-context\n", "{}", r.describe());
    for (flag, value, says) in [
        ("--arch", "s390x", "architecture"),
        ("--sign-by", "ABCD", "sign"),
        ("--userns-uid-map", "0:1:1", "mapping"),
    ] {
        let r = t.run(["build", flag, value, ctx.to_str().unwrap()]);
        assert_eq!(r.code, 125, "{}", r.describe());
        assert!(r.stderr.contains(says), "{}", r.describe());
    }
}
