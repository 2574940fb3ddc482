//! Tests of spec.rs: commands, environment, capabilities and flag values.

use super::*;
use crate::runtime::env::environment;

fn image(entrypoint: Option<&[&str]>, cmd: Option<&[&str]>) -> ContainerConfig {
    ContainerConfig {
        entrypoint: entrypoint.map(|v| v.iter().map(|s| s.to_string()).collect()),
        cmd: cmd.map(|v| v.iter().map(|s| s.to_string()).collect()),
        env: Some(vec![
            "PATH=/img/bin".into(),
            "A=image".into(),
            "B=image".into(),
        ]),
        ..Default::default()
    }
}

fn opts(command: &[&str], entrypoint: Option<&str>) -> Options {
    Options {
        command: command.iter().map(|s| s.to_string()).collect(),
        entrypoint: entrypoint.map(str::to_string),
        ..Default::default()
    }
}

#[test]
fn entrypoint_and_cmd_merge_like_docker() {
    let img = image(Some(&["/ep", "-x"]), Some(&["default"]));
    assert_eq!(
        command(&img, &opts(&[], None)).unwrap(),
        ["/ep", "-x", "default"]
    );
    assert_eq!(
        command(&img, &opts(&["mine"], None)).unwrap(),
        ["/ep", "-x", "mine"]
    );
    assert_eq!(
        command(&img, &opts(&[], Some("/other"))).unwrap(),
        ["/other"]
    );
    assert_eq!(
        command(&img, &opts(&["a"], Some("/other"))).unwrap(),
        ["/other", "a"]
    );
    assert_eq!(
        command(&img, &opts(&["sh", "-c", "x"], Some(""))).unwrap(),
        ["sh", "-c", "x"]
    );
    assert_eq!(
        command(&img, &opts(&[], Some(""))),
        Err(SpecError::NoCommand)
    );
    let cmd_only = image(None, Some(&["sh"]));
    assert_eq!(command(&cmd_only, &opts(&[], None)).unwrap(), ["sh"]);
    assert_eq!(
        command(&cmd_only, &opts(&["ls", "/"], None)).unwrap(),
        ["ls", "/"]
    );
    assert_eq!(
        command(&cmd_only, &opts(&[], Some("[\"/bin/sh\",\"-c\"]"))).unwrap(),
        ["/bin/sh", "-c"]
    );
}

#[test]
fn environment_precedence() {
    let img = image(None, Some(&["sh"]));
    let host = vec![
        ("HOSTONLY".to_string(), "h".to_string()),
        ("A".to_string(), "host".to_string()),
    ];
    let mut o = opts(&[], None);
    o.env = vec!["B=cli".into(), "HOSTONLY".into(), "MISSING".into()];
    let env = environment(&img, &o, &host, "hn").unwrap();
    assert_eq!(
        env,
        [
            "PATH=/img/bin",
            "A=image",
            "B=cli",
            "HOSTONLY=h",
            "HOSTNAME=hn",
            "container=skiff"
        ]
    );
    o.env_host = true;
    let env = environment(&img, &o, &host, "hn").unwrap();
    assert_eq!(env[0], "HOSTONLY=h");
    assert!(
        env.contains(&"A=image".to_string()),
        "image beats --env-host: {env:?}"
    );
    o.env = vec!["=x".into()];
    assert!(environment(&img, &o, &host, "hn").is_err());
}

#[test]
fn ulimits_and_tmpfs() {
    assert_eq!(
        parse_ulimit("nofile=1024:2048").unwrap(),
        Rlimit {
            resource: "nofile".into(),
            soft: 1024,
            hard: 2048
        }
    );
    assert_eq!(parse_ulimit("core=-1").unwrap().soft, u64::MAX);
    assert!(parse_ulimit("nofile=10:5").is_err());
    assert!(parse_ulimit("bogus=1").is_err());
    assert_eq!(parse_tmpfs("/run:size=10m").unwrap().options, "size=10m");
    assert!(parse_tmpfs("rel").is_err());
}
