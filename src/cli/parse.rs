//! Parsing skiff's command line with only the subcommand that runs in the parser.
//!
//! clap copies every global option (`--root`, `--runroot` and 11 more) into every subcommand
//! when it builds a command, before it looks at the arguments: with skiff's ~60 subcommands,
//! ~800 copies of an argument and their heap on every invocation, `skiff run` included (~0.9 ms
//! and ~180 page faults of `skiff version`'s 2.9). The subcommands' own arguments are already
//! built only for the one that runs (`defer` on `Command`); here the parser gets just that one
//! subcommand. What is parsed is the same `Cli`: a line the quick path cannot place (no
//! subcommand, an option it does not know before it, `--help`) goes to the whole parser.

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use super::{Cli, GlobalOpts};

/// The top level of `Cli` without its subcommands: the same settings and global options.
#[derive(Debug, Parser)]
#[command(
    name = "skiff",
    version,
    about = super::ABOUT,
    long_about = super::LONG_ABOUT,
    propagate_version = true,
    disable_help_subcommand = true
)]
struct Top {
    #[command(flatten)]
    global: GlobalOpts,
}

/// Parse this process's arguments.
pub fn parse() -> Result<Cli, clap::Error> {
    parse_from(std::env::args_os().collect())
}

/// Parse `argv` (its first item is the program name) as `Cli::try_parse_from` does.
pub fn parse_from(argv: Vec<OsString>) -> Result<Cli, clap::Error> {
    let top = Top::command();
    let Some(name) = subcommand_name(&top, &argv) else {
        return Cli::try_parse_from(argv);
    };
    let mut all = super::Command::augment_subcommands(clap::Command::new("skiff"));
    let Some(sub) = all.find_subcommand_mut(&name) else {
        return Cli::try_parse_from(argv);
    };
    let sub = std::mem::take(sub);
    // As the derive makes `Cli`: a subcommand is required.
    let mut cmd = top.subcommand(sub).subcommand_required(true);
    let matches = cmd.try_get_matches_from_mut(argv)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
}

/// The first argument that is not a top-level option or its value: the subcommand's name.
/// None where that is unclear (an option the top level does not have, `--`, a short option,
/// an argument that is not UTF-8): the whole parser then decides.
fn subcommand_name(top: &clap::Command, argv: &[OsString]) -> Option<String> {
    let mut args = argv.iter().skip(1);
    while let Some(a) = args.next() {
        let a = a.to_str()?;
        if let Some(long) = a.strip_prefix("--") {
            if long.is_empty() {
                return None;
            }
            if long.contains('=') {
                continue;
            }
            let opt = top.get_arguments().find(|o| o.get_long() == Some(long))?;
            if opt.get_action().takes_values() {
                args.next()?;
            }
        } else if a.starts_with('-') {
            return None;
        } else {
            return Some(a.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(line: &[&str]) -> (String, String) {
        let argv: Vec<OsString> = line.iter().map(OsString::from).collect();
        let show = |r: Result<Cli, clap::Error>| match r {
            Ok(c) => format!("{c:?}"),
            Err(e) => format!("{:?}: {}", e.kind(), e.render()),
        };
        (
            show(parse_from(argv.clone())),
            show(Cli::try_parse_from(argv)),
        )
    }

    #[test]
    fn the_quick_parser_reads_what_the_whole_one_reads() {
        for line in [
            &[
                "skiff",
                "run",
                "--rm",
                "--network",
                "none",
                "busybox",
                "true",
            ][..],
            &[
                "skiff",
                "--root",
                "/r",
                "--runroot=/rr",
                "run",
                "-d",
                "-p",
                "8080:80",
                "httpd",
            ],
            &[
                "skiff",
                "run",
                "--root",
                "/r",
                "busybox",
                "sh",
                "-c",
                "echo --root",
            ],
            &[
                "skiff",
                "--log-level",
                "debug",
                "--storage-opt",
                "a=b",
                "ps",
                "-a",
            ],
            &[
                "skiff",
                "--noout",
                "container",
                "ls",
                "--format",
                "{{.Names}}",
            ],
            &["skiff", "container", "--root", "/r", "run", "busybox"],
            &["skiff", "umount", "abc"],
            &["skiff", "system", "prune", "-f"],
            // Errors: the same text, usage included.
            &["skiff", "run"],
            &["skiff", "run", "--no-such-flag", "busybox"],
            &["skiff", "ps", "--last", "x"],
            &["skiff", "--log-level", "loud", "ps"],
            &["skiff", "nosuchcommand"],
            &["skiff", "--nosuch", "ps"],
            &["skiff"],
            // --help and --version are "errors" that print.
            &["skiff", "run", "--help"],
            &["skiff", "ps", "-h"],
            &["skiff", "--version"],
            &["skiff", "ps", "--version"],
            &["skiff", "--help"],
        ] {
            let (quick, whole) = both(line);
            assert_eq!(quick, whole, "{line:?}");
        }
    }

    #[test]
    fn the_top_level_is_cli_without_subcommands() {
        let (top, cli) = (Top::command(), Cli::command());
        assert_eq!(top.get_name(), cli.get_name());
        assert_eq!(top.get_version(), cli.get_version());
        assert_eq!(
            top.get_about().map(|a| a.to_string()),
            cli.get_about().map(|a| a.to_string())
        );
        assert_eq!(
            top.get_long_about().map(|a| a.to_string()),
            cli.get_long_about().map(|a| a.to_string())
        );
        let ids = |c: &clap::Command| -> Vec<String> {
            c.get_arguments().map(|a| a.get_id().to_string()).collect()
        };
        assert_eq!(ids(&top), ids(&cli));
        assert!(cli.is_subcommand_required_set());
    }

    #[test]
    fn where_the_subcommand_is_found() {
        let top = Top::command();
        let find = |line: &[&str]| {
            let argv: Vec<OsString> = line.iter().map(OsString::from).collect();
            subcommand_name(&top, &argv)
        };
        assert_eq!(
            find(&["skiff", "--root", "run", "ps"]).as_deref(),
            Some("ps")
        );
        assert_eq!(find(&["skiff", "--noout", "ps"]).as_deref(), Some("ps"));
        assert_eq!(find(&["skiff", "--root=/x", "ps"]).as_deref(), Some("ps"));
        assert_eq!(find(&["skiff", "--root"]), None);
        assert_eq!(find(&["skiff", "-h"]), None);
        assert_eq!(find(&["skiff", "--", "ps"]), None);
        assert_eq!(find(&["skiff", "--unknown", "ps"]), None);
    }
}
