//! Regenerate man/ and completions/ from the clap definitions:
//! `cargo run --bin skiff-gendocs` (from the project root, or pass the root as the only argument).

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let root = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    for dir in ["man", "completions"] {
        let d = root.join(dir);
        if d.exists() {
            for e in std::fs::read_dir(&d)? {
                std::fs::remove_file(e?.path())?;
            }
        }
        std::fs::create_dir_all(d)?;
    }
    for (rel, content) in skiff::cli::docs::render_all()? {
        std::fs::write(root.join(&rel), content)?;
        println!("wrote {rel}");
    }
    Ok(())
}
