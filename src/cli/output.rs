//! Writing command output: JSON documents and plain text, with broken pipes reported as errors
//! (main turns them into a quiet exit 141) instead of panics.

use std::io::Write;

use clap::ValueEnum;

use crate::error::output_error;

/// `--format` values that every command accepts. Go templates join in with the lifecycle commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Human-readable output.
    #[default]
    Text,
    /// JSON.
    Json,
}

pub fn print_json<T: serde::Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    let mut text = serde_json::to_vec_pretty(value)?;
    text.push(b'\n');
    write_stdout(&text)
}

pub fn print_text(text: &str) -> anyhow::Result<()> {
    write_stdout(text.as_bytes())
}

/// `--format` of commands that print one document: `text` (the default), `json`, or a Go template
/// over the JSON form (`{{.Host.Arch}}`).
pub fn print_formatted<T: serde::Serialize>(
    format: &str,
    value: &T,
    text: impl FnOnce(&T) -> String,
) -> anyhow::Result<()> {
    match format {
        "" | "text" => print_text(&text(value)),
        "json" | "{{json .}}" => print_json(value),
        template => {
            let t = super::format::Template::parse(template)?;
            let mut out = t.try_render(&serde_json::to_value(value)?)?;
            if !out.ends_with('\n') {
                out.push('\n');
            }
            print_text(&out)
        }
    }
}

/// One line on stdout (`println!` would panic on a closed pipe).
pub fn print_line(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(output_error)
}

fn write_stdout(data: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(data)
        .and_then(|()| out.flush())
        .map_err(output_error)
}
