//! `skiff build`: stages, cache hits and exact invalidation, ignore files, build args, heredocs,
//! failures with the step's exit code, and hostile contexts.

use std::path::Path;

use crate::util::{registry, TestEnv};

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn context(t: &TestEnv, files: &[(&str, &str)]) -> std::path::PathBuf {
    let ctx = t.dir.join("ctx");
    for (n, text) in files {
        write(&ctx, n, text);
    }
    if let Some(u) = &t.user {
        crate::util::chown_r(&ctx, u.uid, u.gid);
    }
    ctx
}

fn containerfile() -> String {
    format!(
        r#"# a comment
ARG BASE={reg}/busybox
FROM ${{BASE}} AS builder
ARG GREETING=hello
RUN echo "$GREETING from the builder" > /built.txt
COPY src/ /src/
RUN cat /src/main.txt >> /built.txt && ls /src > /listing.txt

FROM {reg}/busybox
ENV APP_HOME=/app \
    MODE=prod
WORKDIR $APP_HOME
COPY --from=builder /built.txt /listing.txt ./
COPY --chown=1:2 --chmod=0640 src/main.txt owned.txt
RUN <<EOF
echo "from a heredoc in $MODE" > /app/heredoc.txt
EOF
USER 1
EXPOSE 8080 53/udp
LABEL tier=web version="1.0"
VOLUME /data
STOPSIGNAL SIGINT
ENTRYPOINT ["/bin/sh", "-c"]
CMD ["cat /app/built.txt"]
"#,
        reg = registry()
    )
}

#[test]
fn multi_stage_build_with_cache_and_exact_invalidation() {
    let t = TestEnv::new("build");
    let ctx = context(
        &t,
        &[
            ("Containerfile", &containerfile()),
            ("src/main.txt", "main file\n"),
            ("src/debug.log", "left out\n"),
            ("src/keep.log", "kept by an exception\n"),
            (".dockerignore", "**/*.log\n!src/keep.log\n"),
        ],
    );
    let c = ctx.to_str().unwrap();
    let r = t.ok(["build", "-t", "app:v1", "--build-arg", "GREETING=hi", c]);
    let id = r.stdout.lines().last().unwrap().to_string();
    assert_eq!(id.len(), 64, "{}", r.describe());
    assert!(
        r.stdout.contains("STEP 1/18: FROM ${BASE} AS builder"),
        "{}",
        r.describe()
    );
    assert!(
        r.stdout.contains("Successfully tagged localhost/app:v1"),
        "{}",
        r.describe()
    );
    // The result runs, with the config the file asked for.
    assert_eq!(
        t.ok(["run", "--rm", "app:v1"]).stdout,
        "hi from the builder\nmain file\n"
    );
    let r = t.ok([
        "run",
        "--rm",
        "app:v1",
        "id -u; pwd; cat listing.txt heredoc.txt; stat -c %u:%g:%a owned.txt",
    ]);
    assert_eq!(
        r.stdout,
        "1\n/app\nkeep.log\nmain.txt\nfrom a heredoc in prod\n1:2:640\n",
        "{}",
        r.describe()
    );
    let cfg = t
        .ok(["image", "inspect", "--format", "{{json .Config}}", "app:v1"])
        .json();
    assert_eq!(cfg["User"], "1");
    assert_eq!(cfg["WorkingDir"], "/app");
    assert_eq!(cfg["Labels"]["tier"], "web");
    assert_eq!(cfg["Labels"]["version"], "1.0");
    assert!(cfg["ExposedPorts"]["8080/tcp"].is_object());
    assert!(cfg["ExposedPorts"]["53/udp"].is_object());
    assert!(cfg["Volumes"]["/data"].is_object());
    assert_eq!(cfg["StopSignal"], "SIGINT");
    assert_eq!(cfg["Entrypoint"], serde_json::json!(["/bin/sh", "-c"]));
    assert!(cfg["Env"].to_string().contains("MODE=prod"), "{cfg}");
    assert!(
        !cfg["Env"].to_string().contains("GREETING"),
        "build args stay out of the image"
    );
    // Nothing changed: every step cached, the same image.
    let r = t.ok(["build", "-t", "app:v1", "--build-arg", "GREETING=hi", c]);
    assert_eq!(r.stdout.lines().last().unwrap(), id);
    assert_eq!(
        r.stdout.matches("--> Using cache").count(),
        6,
        "{}",
        r.stdout
    );
    // An ignored file changes nothing; a copied one reruns exactly the steps from its COPY on.
    write(&ctx, "src/debug.log", "changed but ignored\n");
    let r = t.ok(["build", "-q", "--build-arg", "GREETING=hi", c]);
    assert_eq!(r.stdout.trim(), id);
    write(&ctx, "src/main.txt", "main file, edited\n");
    if let Some(u) = &t.user {
        crate::util::chown_r(&ctx, u.uid, u.gid);
    }
    let r = t.ok(["build", "-t", "app:v2", "--build-arg", "GREETING=hi", c]);
    let out = &r.stdout;
    let cached_step = |n: usize| {
        let at = out.find(&format!("STEP {n}/18:")).unwrap();
        out[at..]
            .lines()
            .nth(1)
            .unwrap_or("")
            .starts_with("--> Using cache")
    };
    assert!(cached_step(3), "the RUN before the COPY is cached:\n{out}");
    assert!(
        !cached_step(4) && !cached_step(5),
        "the COPY and what follows rerun:\n{out}"
    );
    assert_eq!(
        t.ok(["run", "--rm", "app:v2"]).stdout,
        "hi from the builder\nmain file, edited\n"
    );
    // Another build arg value is another cache key.
    let r = t.ok([
        "build",
        "-q",
        "--build-arg",
        "GREETING=bonjour",
        "-t",
        "app:fr",
        c,
    ]);
    assert_ne!(r.stdout.trim(), id);
    assert!(t
        .ok(["run", "--rm", "app:fr"])
        .stdout
        .starts_with("bonjour"));
    // --target stops at the builder; an unused build arg gets docker's warning.
    let r = t.ok([
        "build",
        "--target",
        "builder",
        "--build-arg",
        "UNUSED=1",
        "-t",
        "b:v1",
        c,
    ]);
    assert!(r.stdout.contains("STEP 5/5"), "{}", r.describe());
    assert!(
        r.stderr.contains("were not consumed: [UNUSED]"),
        "{}",
        r.describe()
    );
    assert_eq!(
        t.ok(["run", "--rm", "b:v1", "cat", "/listing.txt"]).stdout,
        "keep.log\nmain.txt\n"
    );
    // No build container is left behind.
    assert_eq!(t.ok(["ps", "-aq"]).stdout, "");
}

#[test]
fn failing_steps_and_bad_input_name_the_line() {
    let t = TestEnv::new("build-bad");
    let reg = registry();
    let ctx = context(
        &t,
        &[
            (
                "fail",
                &format!("FROM {reg}/busybox\nRUN true\nRUN exit 7\n"),
            ),
            (
                "escape",
                &format!("FROM {reg}/busybox\nCOPY ../outside /x\n"),
            ),
            ("link", &format!("FROM {reg}/busybox\nCOPY out /x\n")),
            ("unknown", &format!("FROM {reg}/busybox\nFROBNICATE now\n")),
            (
                "nostage",
                &format!("FROM {reg}/busybox\nCOPY --from=nosuch /a /b\n"),
            ),
            (
                "platform",
                &format!("FROM --platform=linux/s390x {reg}/busybox\n"),
            ),
            ("ok.txt", "x"),
            (
                "heredoc",
                &format!("FROM {reg}/busybox\nRUN <<EOF\necho never closed\n"),
            ),
            (
                "badflag",
                &format!("FROM {reg}/busybox\nRUN --frob=1 true\n"),
            ),
        ],
    );
    std::os::unix::fs::symlink("/etc/passwd", ctx.join("out")).unwrap();
    let c = ctx.to_str().unwrap();
    let build = |f: &str| t.run(["build", "-f", ctx.join(f).to_str().unwrap(), c]);
    let r = build("fail");
    assert_eq!(r.code, 7, "the step's exit status: {}", r.describe());
    assert!(r.stderr.contains("line 3: RUN exit 7"), "{}", r.describe());
    assert_eq!(t.ok(["ps", "-aq"]).stdout, "", "no build container left");
    let r = build("escape");
    assert_eq!(r.code, 125);
    assert!(
        r.stderr.contains("outside the build context"),
        "{}",
        r.describe()
    );
    let r = build("link");
    assert_eq!(r.code, 125);
    assert!(
        r.stderr.contains("outside the build context"),
        "{}",
        r.describe()
    );
    let r = build("unknown");
    assert_eq!(r.code, 125);
    assert!(
        r.stderr.contains("line 2") || r.stderr.contains("FROBNICATE"),
        "{}",
        r.describe()
    );
    let r = build("nostage");
    assert_eq!(r.code, 125, "{}", r.describe());
    let r = build("platform");
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("qemu-user-static"), "{}", r.describe());
    // An unterminated heredoc and an unknown flag name their line.
    let r = build("heredoc");
    assert_eq!(r.code, 125);
    assert!(
        r.stderr.contains("here-document") && r.stderr.contains("line"),
        "{}",
        r.describe()
    );
    let r = build("badflag");
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("line 2: RUN --frob"), "{}", r.describe());
    let r = t.run(["build", "/nonexistent-context"]);
    assert_eq!(r.code, 125);
}

/// The same Containerfile built by podman (buildah) gives the same config and the same files.
#[test]
fn the_same_file_built_by_podman_gives_the_same_image() {
    let have = std::process::Command::new("sh")
        .args(["-c", "command -v podman"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !have || !crate::util::is_root() {
        eprintln!("podman not installed (or not root): skipped");
        return;
    }
    let t = TestEnv::new("build-podman");
    let reg = registry();
    // (no heredocs: buildah 1.28 in Debian 12 does not know them)
    let file = format!(
        "FROM {reg}/busybox AS builder\nARG WHO=world\nRUN mkdir -p /out && echo \"hello $WHO\" > /out/greeting && chmod 600 /out/greeting\n\
         COPY data/ /out/data/\n\nFROM {reg}/busybox\nENV A=1 B=\"two words\"\nWORKDIR /srv/app\n\
         COPY --from=builder /out/ ./\nCOPY --chown=7:8 data/one.txt owned.txt\nRUN ln -s owned.txt link && mkdir empty\n\
         USER 7:8\nEXPOSE 80 443/tcp\nLABEL org.example.tier=web\nVOLUME [\"/srv/data\"]\nSTOPSIGNAL SIGTERM\n\
         ENTRYPOINT [\"/bin/sh\", \"-c\"]\nCMD echo \"$A $B\"\n"
    );
    let ctx = context(
        &t,
        &[
            ("Containerfile", &file),
            ("data/one.txt", "one\n"),
            ("data/sub/two.txt", "two\n"),
        ],
    );
    let c = ctx.to_str().unwrap();
    t.ok(["build", "-q", "-t", "cmp:v1", "--build-arg", "WHO=you", c]);
    let p = t.dir.join("podman");
    let run = tempfile::Builder::new()
        .prefix("pr")
        .tempdir_in("/tmp")
        .unwrap();
    let podman = |args: &[&str]| {
        let out = std::process::Command::new("podman")
            .arg("--root")
            .arg(&p)
            .arg("--runroot")
            .arg(run.path())
            .args(["--storage-driver", "vfs"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "podman {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    podman(&[
        "build",
        "--isolation",
        "chroot",
        "--tls-verify=false",
        "-q",
        "-t",
        "cmp:v1",
        "--build-arg",
        "WHO=you",
        c,
    ]);
    let theirs: serde_json::Value = serde_json::from_str(&podman(&[
        "image",
        "inspect",
        "--format",
        "{{json .Config}}",
        "cmp:v1",
    ]))
    .unwrap();
    let mut theirs = theirs;
    // (buildah marks its images with its version)
    if let Some(l) = theirs["Labels"].as_object_mut() {
        l.remove("io.buildah.version");
    }
    let ours = t
        .ok(["image", "inspect", "--format", "{{json .Config}}", "cmp:v1"])
        .json();
    for k in [
        "Env",
        "Cmd",
        "Entrypoint",
        "User",
        "WorkingDir",
        "ExposedPorts",
        "Labels",
        "Volumes",
        "StopSignal",
    ] {
        assert_eq!(
            ours[k], theirs[k],
            "{k}: ours {} theirs {}",
            ours[k], theirs[k]
        );
    }
    // The files: podman's image mounted, ours listed from inside.
    let mnt = podman(&["image", "mount", "cmp:v1"]);
    let list = |root: &str| {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "cd {root}/srv/app && find . | sort | while read f; do stat -c '%n %u:%g %a %F %s' \"$f\"; done"
            ))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let theirs_files = list(mnt.trim());
    podman(&["image", "unmount", "cmp:v1"]);
    let ours_files = t
        .ok([
            "run", "--rm", "--user", "0", "--entrypoint", "sh", "cmp:v1", "-c",
            "cd /srv/app && find . | sort | while read f; do stat -c '%n %u:%g %a %F %s' \"$f\"; done",
        ])
        .stdout;
    assert_eq!(ours_files, theirs_files);
    assert!(ours_files.contains("./greeting 0:0 600"), "{ours_files}");
    // skiff's image, pushed, runs under podman.
    let dest = format!("{reg}/built/cmp-{}:v1", std::process::id());
    t.ok(["push", "-q", "cmp:v1", &dest]);
    let out = podman(&[
        "--cgroup-manager",
        "cgroupfs",
        "run",
        "--rm",
        "--tls-verify=false",
        "--cgroups=disabled",
        "--ulimit",
        "nofile=1024:1024",
        "--ulimit",
        "nproc=1024:1024",
        "--user",
        "0",
        "--entrypoint",
        "cat",
        &dest,
        "/srv/app/greeting",
    ]);
    assert_eq!(out, "hello you\n");
}

#[test]
fn run_mounts_cache_secret_tmpfs_and_bind() {
    let t = TestEnv::new("build-mounts");
    let reg = registry();
    let file = format!(
        "FROM {reg}/busybox\n\
         RUN --mount=type=cache,target=/cache,id=counter sh -c 'echo run >> /cache/count; wc -l < /cache/count > /cache-lines'\n\
         RUN --mount=type=secret,id=tok sh -c 'wc -c < /run/secrets/tok > /secret-len'\n\
         RUN --mount=type=tmpfs,target=/scratch sh -c 'echo t > /scratch/x && ls /scratch > /tmpfs-list'\n\
         RUN --mount=type=bind,source=input.txt,target=/in.txt cat /in.txt > /from-bind\n"
    );
    let ctx = context(
        &t,
        &[
            ("Containerfile", &file),
            ("input.txt", "bound input\n"),
            ("tok", "s3cr3t-value"),
        ],
    );
    let c = ctx.to_str().unwrap();
    let secret = format!("id=tok,src={}", ctx.join("tok").display());
    t.ok(["build", "-q", "--secret", &secret, "-t", "m:v1", c]);
    let r = t.ok([
        "run",
        "--rm",
        "m:v1",
        "sh",
        "-c",
        "cat /cache-lines /secret-len /tmpfs-list /from-bind; test -e /cache || echo no-cache-dir",
    ]);
    assert_eq!(
        r.stdout,
        "1\n12\nx\nbound input\nno-cache-dir\n",
        "{}",
        r.describe()
    );
    // The cache dir outlives the build: a --no-cache rebuild finds what the first one left.
    t.ok([
        "build",
        "-q",
        "--no-cache",
        "--secret",
        &secret,
        "-t",
        "m:v2",
        c,
    ]);
    assert_eq!(
        t.ok(["run", "--rm", "m:v2", "cat", "/cache-lines"]).stdout,
        "2\n"
    );
    // The secret is in no layer and no history entry.
    let tar = t.dir.join("m.tar");
    t.ok(["save", "-o", tar.to_str().unwrap(), "m:v1"]);
    let bytes = std::fs::read(&tar).unwrap();
    assert!(
        !bytes.windows(12).any(|w| w == b"s3cr3t-value"),
        "the secret leaked into the image"
    );
    let h = t.ok(["image", "history", "--no-trunc", "m:v1"]).stdout;
    assert!(!h.contains("s3cr3t"), "{h}");
    // A required secret that was not given is an error naming it.
    let f2 = format!("FROM {reg}/busybox\nRUN --mount=type=secret,id=missing,required=true true\n");
    std::fs::write(ctx.join("Needs"), f2).unwrap();
    let r = t.run(["build", "-f", ctx.join("Needs").to_str().unwrap(), c]);
    assert_eq!(r.code, 125);
    assert!(r.stderr.contains("missing"), "{}", r.describe());
}

#[test]
fn add_archives_urls_onbuild_arg_scoping_and_tarball_contexts() {
    let t = TestEnv::new("build-add");
    let reg = registry();
    let ctx = context(
        &t,
        &[
            ("payload/inner.txt", "from the archive\n"),
            ("served/file.txt", "served\n"),
        ],
    );
    // A gzipped tar in the context, ADDed: extracted.
    let status = std::process::Command::new("tar")
        .args(["--owner=7", "--group=8", "-czf"])
        .arg(ctx.join("payload.tar.gz"))
        .arg("-C")
        .arg(ctx.join("payload"))
        .arg(".")
        .status()
        .unwrap();
    assert!(status.success());
    // A URL, ADDed: downloaded as is.
    let port = crate::util::free_port();
    let mut http = std::process::Command::new("python3")
        .args([
            "-m",
            "http.server",
            "--bind",
            "127.0.0.1",
            &port.to_string(),
        ])
        .current_dir(ctx.join("served"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let sum = {
        use sha2::Digest;
        sha2::Sha256::digest(b"served\n")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let base = format!(
        "ARG WHO=global\nFROM {reg}/busybox\nARG WHO\nADD payload.tar.gz /extracted/\n\
         ADD --checksum=sha256:{sum} http://127.0.0.1:{port}/file.txt /downloaded/\n\
         RUN echo \"who=$WHO\" > /who\nONBUILD RUN echo triggered > /onbuild\n"
    );
    std::fs::write(ctx.join("Containerfile"), base).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&ctx, u.uid, u.gid);
    }
    let c = ctx.to_str().unwrap();
    let r = t.run(["build", "-q", "-t", "parent:v1", c]);
    // A wrong checksum is refused.
    let bad = format!(
        "FROM {reg}/busybox\nADD --checksum=sha256:{} http://127.0.0.1:{port}/file.txt /x\n",
        "0".repeat(64)
    );
    std::fs::write(ctx.join("Bad"), bad).unwrap();
    let rb = t.run(["build", "-f", ctx.join("Bad").to_str().unwrap(), c]);
    let _ = http.kill();
    let _ = http.wait();
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(rb.code, 125, "{}", rb.describe());
    assert!(rb.stderr.contains("checksum"), "{}", rb.describe());
    let r = t.ok([
        "run", "--rm", "parent:v1", "sh", "-c",
        "cat /extracted/inner.txt /downloaded/file.txt /who; stat -c %a /downloaded/file.txt; test -e /onbuild || echo not-yet; stat -c %u:%g /extracted/inner.txt",
    ]);
    assert_eq!(
        r.stdout,
        "from the archive\nserved\nwho=global\n600\nnot-yet\n7:8\n",
        "{}",
        r.describe()
    );
    // A child of it runs the ONBUILD trigger; its context comes as a tarball on stdin.
    let child = t.dir.join("child");
    std::fs::create_dir_all(&child).unwrap();
    std::fs::write(
        child.join("Containerfile"),
        "FROM localhost/parent:v1\nRUN cat /onbuild\n",
    )
    .unwrap();
    let tarball = t.dir.join("child.tar");
    let status = std::process::Command::new("tar")
        .arg("-cf")
        .arg(&tarball)
        .arg("-C")
        .arg(&child)
        .arg(".")
        .status()
        .unwrap();
    assert!(status.success());
    let out = t
        .cmd(["build", "-t", "child:v1", "-"])
        .stdin(std::fs::File::open(&tarball).unwrap())
        .output()
        .unwrap();
    let r = crate::util::Run::from(out);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stdout.contains("triggered"), "{}", r.describe());
    assert_eq!(
        t.ok(["run", "--rm", "child:v1", "cat", "/onbuild"]).stdout,
        "triggered\n"
    );
}
