//! Writing command output: JSON documents and plain text, with broken pipes reported as errors
//! (main turns them into a quiet exit) instead of panics.

use std::io::Write;

use clap::ValueEnum;

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
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

pub fn print_text(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
