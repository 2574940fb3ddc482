//! Man pages and completion scripts generated from the clap definitions. `skiff-gendocs` writes them
//! into man/ and completions/; a test fails when the checked-in copies are stale.

use clap_complete::Shell;

/// A completion script for `shell`.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut cmd = super::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "skiff", &mut buf);
    buf
}

/// Every generated file as (path relative to the project root, content).
pub fn render_all() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut files = vec![
        (
            "completions/skiff.bash".to_string(),
            completion(Shell::Bash),
        ),
        ("completions/_skiff".to_string(), completion(Shell::Zsh)),
        (
            "completions/skiff.fish".to_string(),
            completion(Shell::Fish),
        ),
    ];
    let mut cmd = super::command();
    cmd.build();
    man_pages(&cmd, "skiff", &mut files)?;
    // The OCI runtime (the same binary run as `skiff-runtime`).
    let mut rt = <crate::oci::Cli as clap::CommandFactory>::command();
    rt.build();
    man_pages(&rt, "skiff-runtime", &mut files)?;
    Ok(files)
}

fn man_pages(
    cmd: &clap::Command,
    name: &str,
    files: &mut Vec<(String, Vec<u8>)>,
) -> std::io::Result<()> {
    let page = cmd.clone().name(name.to_string().leak() as &str);
    let mut buf = Vec::new();
    clap_mangen::Man::new(page).render(&mut buf)?;
    files.push((format!("man/{name}.1"), buf));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub, &format!("{name}-{}", sub.get_name()), files)?;
    }
    Ok(())
}
