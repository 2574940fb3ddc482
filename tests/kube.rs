//! `kube play`/`down`/`generate` as a user of Kubernetes manifests meets them: hand-written
//! manifests in the style of the Kubernetes documentation play and serve; generate's output
//! passes the Kubernetes OpenAPI schema (PyPI kubernetes-validate, strict, the pinned version)
//! and survives a play -> generate round trip unchanged; bad input fails with the document,
//! field path and line; `kube down` leaves nothing behind.

use std::time::{Duration, Instant};

use crate::util::{free_port, registry, Run, TestEnv};

const VALIDATE: &str = "/opt/skiff-pytools/bin/kubernetes-validate";

fn write(t: &TestEnv, name: &str, text: &str) -> String {
    let p = t.home.join(name);
    std::fs::write(&p, text).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&p, u.uid, u.gid);
    }
    p.display().to_string()
}

fn http(port: u16) -> String {
    use std::io::{Read, Write};
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            let _ = s.set_read_timeout(Some(Duration::from_secs(3)));
            let _ = s.write_all(b"GET / HTTP/1.0\r\n\r\n");
            let mut out = String::new();
            let _ = s.read_to_string(&mut out);
            if !out.is_empty() {
                return out;
            }
        }
        assert!(Instant::now() < deadline, "nothing answered on port {port}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Nothing of the play is left: no pods, containers, played records (but those of claims whose
/// volumes stay) or secrets.
fn assert_clean(t: &TestEnv) {
    assert_eq!(t.ok(["pod", "ps", "-q"]).stdout.trim(), "");
    assert_eq!(t.ok(["ps", "-aq"]).stdout.trim(), "");
    assert_eq!(t.ok(["secret", "ls", "-q"]).stdout.trim(), "");
    let played = t.root.join("kube/played");
    let left: Vec<_> = std::fs::read_dir(&played)
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name() != ".lock")
                .map(|e| e.path())
                .filter(|p| !claim_kept(t, p))
                .collect()
        })
        .unwrap_or_default();
    assert!(left.is_empty(), "play records left: {left:?}");
    let pods_dir = t.root.join("kube/pods");
    let dirs: Vec<_> = std::fs::read_dir(&pods_dir)
        .map(|d| d.flatten().collect())
        .unwrap_or_else(|_| Vec::new());
    assert!(
        dirs.is_empty(),
        "pod volume dirs left in {}",
        pods_dir.display()
    );
}

fn claim_kept(t: &TestEnv, p: &std::path::Path) -> bool {
    let n = p.file_name().unwrap().to_string_lossy().to_string();
    n.strip_prefix("PersistentVolumeClaim-")
        .and_then(|v| v.strip_suffix(".json"))
        .is_some_and(|v| t.root.join("volumes").join(v).exists())
}

#[test]
fn deployment_service_configmap_secret_and_down() {
    let t = TestEnv::new("kube-deploy");
    let port = free_port();
    let img = format!("{}/httpd:latest", registry());
    let bb = format!("{}/busybox:latest", registry());
    let f = write(
        &t,
        "web.yaml",
        &format!(
            r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  GREETING: hello
  motd.txt: from the configmap
---
apiVersion: v1
kind: Secret
metadata:
  name: web-secret
type: Opaque
stringData:
  password: s3cret
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - name: httpd
        image: {img}
        imagePullPolicy: IfNotPresent
        ports:
        - containerPort: 80
          name: http
        env:
        - name: GREETING
          valueFrom:
            configMapKeyRef: {{name: web-config, key: GREETING}}
        - name: MSG
          value: "$(GREETING) world"
        - name: POD_NAME
          valueFrom:
            fieldRef: {{fieldPath: metadata.name}}
        - name: PASSWORD
          valueFrom:
            secretKeyRef: {{name: web-secret, key: password}}
        volumeMounts:
        - name: config
          mountPath: /etc/web
        - name: secret
          mountPath: /etc/secret
          readOnly: true
        livenessProbe:
          httpGet: {{path: /, port: http}}
          periodSeconds: 1
      - name: sidecar
        image: {bb}
        command: ["sh", "-c", "trap 'exit 0' TERM; sleep 1000 & wait"]
      volumes:
      - name: config
        configMap:
          name: web-config
          items:
          - key: motd.txt
            path: motd
      - name: secret
        secret:
          secretName: web-secret
          defaultMode: 0400
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: {port}
    targetPort: http
"#
        ),
    );
    let r = t.ok(["kube", "play", "--publish-all", &f]);
    assert_eq!(r.stdout.matches("Pod:").count(), 2, "{}", r.describe());
    assert!(http(port).contains("hello from skiff httpd"));
    let pods: Vec<String> = t
        .ok(["pod", "ps", "--format", "{{.Name}}"])
        .stdout
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(pods.len(), 2, "{pods:?}");
    for p in &pods {
        assert!(
            p.starts_with("web-") && p.len() == "web-".len() + 10 + 1 + 5,
            "{p}"
        );
    }
    let ctr = format!("{}-httpd", pods[0]);
    let env = t.ok([
        "exec",
        &ctr,
        "sh",
        "-c",
        "echo $GREETING/$MSG/$POD_NAME/$PASSWORD; cat /etc/web/motd; cat /etc/secret/password",
    ]);
    assert_eq!(
        env.stdout.trim(),
        format!(
            "hello/hello world/{}/s3cret\nfrom the configmaps3cret",
            pods[0]
        )
    );
    // The secret's value is not in the container's record.
    let inspect = t.ok(["inspect", &ctr]).stdout;
    assert!(!inspect.contains("s3cret"), "secret value in inspect");
    // Pods resolve each other by name on the kube network.
    let other = t.ok([
        "exec",
        &ctr,
        "sh",
        "-c",
        &format!("printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc {} 80", pods[1]),
    ]);
    assert!(
        other.stdout.contains("hello from skiff httpd"),
        "{}",
        other.describe()
    );
    // The liveness probe (httpGet on the named port) passes.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let h = t.ok(["inspect", "--format", "{{.State.Health.Status}}", &ctr]);
        if h.stdout.trim() == "healthy" {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "probe never passed: {}",
            h.describe()
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    // A second play of the same objects is refused; --replace replaces them.
    let again = t.run(["kube", "play", &f]);
    assert_eq!(again.code, 125, "{}", again.describe());
    assert!(again.stderr.contains("--replace"), "{}", again.stderr);
    t.ok(["kube", "down", &f]);
    assert_clean(&t);
    // Down again: the objects are gone, quietly.
    let r = t.ok(["kube", "down", &f]);
    assert_eq!(r.stdout.trim(), "");
}

#[test]
fn job_init_containers_probes_and_volumes() {
    let t = TestEnv::new("kube-job");
    let bb = format!("{}/busybox:latest", registry());
    let host = t.home.join("hostdir");
    std::fs::create_dir_all(&host).unwrap();
    std::fs::write(host.join("in.txt"), "from the host\n").unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&host, u.uid, u.gid);
    }
    let f = write(
        &t,
        "pod.yaml",
        &format!(
            r#"apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: kube-claim
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  hostname: apphost
  initContainers:
  - name: first
    image: {bb}
    command: ["sh", "-c", "echo first > /work/log"]
    volumeMounts: [{{name: work, mountPath: /work}}]
  - name: second
    image: {bb}
    command: ["sh", "-c", "echo second >> /work/log"]
    volumeMounts: [{{name: work, mountPath: /work}}]
  containers:
  - name: main
    image: {bb}
    command: ["sh", "-c", "cat /work/log /host/in.txt > /claim/out; nc -ll -p 7000 -e echo up"]
    ports: [{{containerPort: 7000}}]
    readinessProbe:
      tcpSocket: {{port: 7000}}
      periodSeconds: 1
    livenessProbe:
      tcpSocket: {{port: 7000}}
      periodSeconds: 1
    startupProbe:
      exec: {{command: [test, -e, /tmp/poststart]}}
      periodSeconds: 1
      failureThreshold: 30
    lifecycle:
      postStart:
        exec: {{command: [sh, -c, "echo started > /tmp/poststart"]}}
      preStop:
        exec: {{command: [sh, -c, "echo stopping > /claim/prestop"]}}
    volumeMounts:
    - {{name: work, mountPath: /work}}
    - {{name: host, mountPath: /host, readOnly: true}}
    - {{name: claim, mountPath: /claim}}
  - name: lazy
    image: {bb}
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 1000 & wait"]
    readinessProbe:
      exec: {{command: ["false"]}}
      periodSeconds: 1
      failureThreshold: 1
  volumes:
  - name: work
    emptyDir: {{}}
  - name: host
    hostPath: {{path: {host}, type: Directory}}
  - name: claim
    persistentVolumeClaim: {{claimName: kube-claim}}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: job
        image: {bb}
        command: ["sh", "-c", "echo job done"]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: flaky
spec:
  backoffLimit: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: job
        image: {bb}
        command: ["sh", "-c", "if [ -e /tried ]; then echo second try; else touch /tried; exit 1; fi"]
"#,
            host = host.display()
        ),
    );
    t.ok(["kube", "play", &f]);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let out = t.run(["exec", "app-main", "cat", "/claim/out"]);
        if out.stdout == "first\nsecond\nfrom the host\n" {
            break;
        }
        assert!(Instant::now() < deadline, "{}", out.describe());
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(
        t.ok(["exec", "app-main", "hostname"]).stdout.trim(),
        "apphost"
    );
    // The Job ran to completion.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let ps = t.ok([
            "ps",
            "-a",
            "--filter",
            "name=once-",
            "--format",
            "{{.Names}} {{.Status}}",
        ]);
        if ps.stdout.contains("Exited (0)") {
            let name = ps.stdout.split_whitespace().next().unwrap().to_string();
            assert_eq!(t.ok(["logs", &name]).stdout, "job done\n");
            break;
        }
        assert!(Instant::now() < deadline, "{}", ps.describe());
        std::thread::sleep(Duration::from_millis(200));
    }
    // A failing Job is tried again, up to backoffLimit.
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let ps = t.ok([
            "ps",
            "-a",
            "--filter",
            "name=flaky-",
            "--format",
            "{{.Names}} {{.Status}}",
        ]);
        if ps.stdout.contains("Exited (0)") {
            let name = ps.stdout.split_whitespace().next().unwrap().to_string();
            assert!(t.ok(["logs", &name]).stdout.contains("second try"));
            let n = t.ok(["inspect", "--format", "{{.RestartCount}}", &name]);
            assert_eq!(n.stdout.trim(), "1", "{}", n.describe());
            break;
        }
        assert!(Instant::now() < deadline, "{}", ps.describe());
        std::thread::sleep(Duration::from_millis(200));
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while t
        .ok([
            "inspect",
            "--format",
            "{{.State.Health.Status}}",
            "app-main",
        ])
        .stdout
        .trim()
        != "healthy"
    {
        assert!(
            Instant::now() < deadline,
            "tcpSocket liveness probe never passed"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    // Readiness: main is ready (startup probe passed after the postStart hook), lazy never is.
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let r = t.ok(["pod", "ps", "--format", "{{.Name}} {{.Ready}}"]);
        if r.stdout.lines().any(|l| l == "app 1/2") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "readiness never settled: {}",
            r.describe()
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    assert_eq!(
        t.ok(["inspect", "--format", "{{.State.Ready}}", "app-main"])
            .stdout
            .trim(),
        "true"
    );
    assert_eq!(
        t.ok(["inspect", "--format", "{{.State.Ready}}", "app-lazy"])
            .stdout
            .trim(),
        "false"
    );
    assert_eq!(
        t.ok(["exec", "app-main", "cat", "/tmp/poststart"]).stdout,
        "started\n"
    );
    // The claim's volume outlives down; --force removes it. The preStop hook ran before the stop.
    t.ok(["kube", "down", &f]);
    let prestop = t.root.join("volumes/kube-claim/_data/prestop");
    assert_eq!(
        std::fs::read_to_string(&prestop).unwrap_or_default(),
        "stopping\n"
    );
    assert_clean(&t);
    assert!(t.ok(["volume", "ls", "-q"]).stdout.contains("kube-claim"));
    t.ok(["kube", "play", &f]);
    t.ok(["kube", "down", "--force", &f]);
    assert_clean(&t);
    assert_eq!(t.ok(["volume", "ls", "-q"]).stdout.trim(), "");
}

fn validate(t: &TestEnv, file: &str) {
    assert!(
        std::path::Path::new(VALIDATE).exists(),
        "kubernetes-validate is missing: tests/setup-host.sh installs it in /opt/skiff-pytools"
    );
    let r = Run::from(
        t.bare_cmd(VALIDATE)
            .args(["--strict", "-k", "1.35.0", file])
            .output()
            .unwrap(),
    );
    assert_eq!(
        r.code,
        0,
        "{file} is not valid Kubernetes 1.35:\n{}",
        r.describe()
    );
    println!(
        "kubernetes-validate --strict -k 1.35.0: {}",
        r.stdout.trim()
    );
}

#[test]
fn generate_validates_and_round_trips() {
    let t = TestEnv::new("kube-gen");
    let bb = format!("{}/busybox:latest", registry());
    let port = free_port().to_string();
    let data = t.home.join("data");
    std::fs::create_dir_all(&data).unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&data, u.uid, u.gid);
    }
    let vol = format!("{}:/data", data.display());
    t.ok([
        "run",
        "-d",
        "--name",
        "gen",
        "-p",
        &format!("{port}:80"),
        "-e",
        "FOO=bar",
        "-v",
        &vol,
        "-v",
        "genvol:/vol",
        "--tmpfs",
        "/scratch",
        "--cap-add",
        "NET_ADMIN",
        "--cap-drop",
        "CHOWN",
        "--read-only",
        "--add-host",
        "db.example:10.1.2.3",
        "--health-cmd",
        "true",
        "--restart",
        "always",
        "-w",
        "/tmp",
        "--user",
        "1000:1000",
        "--label",
        "tier=backend",
        &bb,
        "sleep",
        "1000",
    ]);
    for kind in ["pod", "deployment", "daemonset", "job"] {
        let out = t.home.join(format!("{kind}.yaml")).display().to_string();
        t.ok(["kube", "generate", "-s", "--type", kind, "-f", &out, "gen"]);
        validate(&t, &out);
    }
    t.ok([
        "kube",
        "generate",
        "-f",
        &t.home.join("vol.yaml").display().to_string(),
        "genvol",
    ]);
    validate(&t, &t.home.join("vol.yaml").display().to_string());
    let first = t.ok(["kube", "generate", "-s", "gen"]).stdout;
    assert!(
        first.contains("hostPort: ") && first.contains("claimName: genvol"),
        "{first}"
    );
    assert!(
        first.contains("medium: Memory") && first.contains("runAsUser: 1000"),
        "{first}"
    );
    assert!(first.contains("tier: backend"), "{first}");
    // Stable: the same twice, and the same after a play of it.
    assert_eq!(t.ok(["kube", "generate", "-s", "gen"]).stdout, first);
    t.ok(["rm", "-f", "-t", "0", "gen"]);
    let f = write(&t, "gen.yaml", &first);
    t.ok(["kube", "play", &f]);
    let second = t.ok(["kube", "generate", "-s", "gen-pod"]).stdout;
    assert_eq!(
        first, second,
        "generate -> play -> generate changed the YAML"
    );
    t.ok(["kube", "down", &f]);
    assert_clean(&t);
}

#[test]
fn bad_manifests_name_document_path_and_line() {
    let t = TestEnv::new("kube-bad");
    let bb = format!("{}/busybox:latest", registry());
    let cases: Vec<(&str, String, &[&str])> = vec![
        ("malformed", "apiVersion: v1\nkind: Pod\nmetadata: {name: [x\n".into(), &["not valid YAML", "line"]),
        (
            "nocontainers",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n".into(),
            &["document 2", "spec.containers", "line 10", "at least one container"],
        ),
        (
            "noimage",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    command: [sh]\n".into(),
            &["document 1", "spec.containers[0].image", "line 7", "no image"],
        ),
        (
            "nocm",
            format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: {bb}\n    envFrom:\n    - configMapRef:\n        name: missing\n"),
            &["spec.containers[0].envFrom[0].configMapRef.name", "line 11", "ConfigMap \"missing\""],
        ),
        (
            "hostpath",
            format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: {bb}\n  volumes:\n  - name: v\n    hostPath:\n      path: /root/.ssh\n"),
            &["spec.volumes[0]", "line 10", "/root/.ssh"],
        ),
        (
            "port2",
            format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: {bb}\n    ports: [{{containerPort: 80}}]\n  - name: b\n    image: {bb}\n    ports:\n    - containerPort: 80\n"),
            &["spec.containers[1].ports[0]", "line 13", "given twice"],
        ),
        (
            "badtype",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: x\n    ports:\n    - containerPort: eighty\n".into(),
            &["spec.containers[0].ports[0].containerPort", "line 10"],
        ),
    ];
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 0..9u8 {
        let (p, n) = ((b'a' + i) as char, (b'a' + i + 1) as char);
        bomb.push_str(&format!(
            "{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        ));
    }
    let mut all = cases;
    all.push(("bomb", bomb, &["not valid YAML"]));
    for (name, text, wants) in &all {
        let f = write(&t, &format!("{name}.yaml"), text);
        let r = t.run(["kube", "play", &f]);
        assert_eq!(r.code, 125, "{name}: {}", r.describe());
        for w in *wants {
            assert!(
                r.stderr.contains(w),
                "{name}: wanted {w:?} in: {}",
                r.stderr
            );
        }
    }
    // 100 MB refused before parsing, within memory.
    let big = t.home.join("big.yaml");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&big).unwrap();
        let line = format!("# {}\n", "x".repeat(1000));
        for _ in 0..100_000 {
            f.write_all(line.as_bytes()).unwrap();
        }
    }
    if let Some(u) = &t.user {
        crate::util::chown_r(&big, u.uid, u.gid);
    }
    let r = t.run(["kube", "play", &big.display().to_string()]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(r.stderr.contains("larger than"), "{}", r.stderr);
    // Unknown kinds and fields are warned about, once, and skipped.
    let f = write(
        &t,
        "warn.yaml",
        &format!("apiVersion: v1\nkind: Ingress\nmetadata: {{name: i}}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  nodeSelector: {{disk: ssd}}\n  containers:\n  - name: a\n    image: {bb}\n    imagee: typo\n    command: [\"true\"]\n"),
    );
    let r = t.ok(["kube", "play", "--start=false", &f]);
    assert!(
        r.stderr.contains("kind Ingress is not supported"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("spec.containers[0].imagee (line 14)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("spec.nodeSelector (line 10)"),
        "{}",
        r.stderr
    );
    assert_eq!(
        t.ok([
            "ps",
            "-a",
            "--format",
            "{{.Status}}",
            "--filter",
            "name=w-a"
        ])
        .stdout
        .trim(),
        "Created"
    );
    t.ok(["kube", "down", &f]);
    assert_clean(&t);
}

#[test]
fn pull_secrets_configmap_files_urls_and_build() {
    let t = TestEnv::new("kube-more");
    let bb = format!("{}/busybox:latest", registry());
    let auth_reg = std::env::var("SKIFF_TEST_AUTH_REGISTRY").expect("run through tests/run.sh");
    let user = std::env::var("SKIFF_TEST_AUTH_USER").unwrap();
    let pass = std::env::var("SKIFF_TEST_AUTH_PASSWORD").unwrap();
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let dockercfg = format!(
        r#"{{"auths":{{"{auth_reg}":{{"auth":"{}"}}}}}}"#,
        b64(&format!("{user}:{pass}"))
    );
    // A directory named like the image, with a Containerfile: --build builds it.
    let ctx = t.home.join("ctx/kubebuilt");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Containerfile"),
        format!("FROM {bb}\nRUN echo built > /built\n"),
    )
    .unwrap();
    if let Some(u) = &t.user {
        crate::util::chown_r(&t.home.join("ctx"), u.uid, u.gid);
    }
    write(
        &t,
        "cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: external\ndata:\n  FROM_FILE: yes-it-is\n",
    );
    let manifest = format!(
        r#"apiVersion: v1
kind: Secret
metadata:
  name: regcred
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: {cfg}
---
apiVersion: v1
kind: Pod
metadata:
  name: private
spec:
  imagePullSecrets:
  - name: regcred
  containers:
  - name: c
    image: {auth_reg}/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 1000 & wait"]
    envFrom:
    - configMapRef:
        name: external
---
apiVersion: v1
kind: Pod
metadata:
  name: built
spec:
  containers:
  - name: c
    image: localhost/kubebuilt:1
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 1000 & wait"]
"#,
        cfg = b64(&dockercfg)
    );
    // Served over HTTP (a play from a URL).
    let serve = t.home.join("www");
    std::fs::create_dir_all(&serve).unwrap();
    std::fs::write(serve.join("app.yaml"), &manifest).unwrap();
    let port = free_port();
    let mut server = std::process::Command::new("python3")
        .args([
            "-m",
            "http.server",
            "--bind",
            "127.0.0.1",
            &port.to_string(),
        ])
        .current_dir(&serve)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/app.yaml");
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "the test's HTTP server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let cm = t.home.join("cm.yaml").display().to_string();
    let ctxdir = t.home.join("ctx").display().to_string();
    // Without --configmap the reference is an error naming the fix.
    let r = t.run(["kube", "play", &url]);
    assert_eq!(r.code, 125, "{}", r.describe());
    assert!(r.stderr.contains("--configmap"), "{}", r.stderr);
    let r = t.run([
        "kube",
        "play",
        "--configmap",
        &cm,
        "--build",
        "--context-dir",
        &ctxdir,
        &url,
    ]);
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(r.code, 0, "{}", r.describe());
    // The private image came with the pod's pull secret (no login); the external ConfigMap's env.
    assert_eq!(
        t.ok(["exec", "private-c", "sh", "-c", "echo $FROM_FILE"])
            .stdout
            .trim(),
        "yes-it-is"
    );
    assert!(t
        .ok(["images", "--format", "{{.Repository}}"])
        .stdout
        .contains(&format!("{auth_reg}/busybox")));
    assert_eq!(t.ok(["exec", "built-c", "cat", "/built"]).stdout, "built\n");
    assert!(
        !std::fs::read_to_string(t.home.join(".config/containers/auth.json"))
            .unwrap_or_default()
            .contains(&auth_reg)
    );
    let f = write(&t, "app.yaml", &manifest);
    t.ok(["kube", "down", &f]);
    assert_clean(&t);
}
