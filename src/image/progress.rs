//! Pull progress: indicatif bars per layer on a terminal, one plain line per step otherwise
//! (CI logs), nothing with `-q`. Everything goes to stderr; stdout carries only the image id.

use std::io::IsTerminal;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

#[derive(Clone)]
pub enum Progress {
    Quiet,
    Plain,
    Bars(MultiProgress),
}

impl Progress {
    pub fn detect(quiet: bool) -> Progress {
        if quiet {
            Progress::Quiet
        } else if std::io::stderr().is_terminal() {
            Progress::Bars(MultiProgress::with_draw_target(ProgressDrawTarget::stderr()))
        } else {
            Progress::Plain
        }
    }

    pub fn message(&self, text: &str) {
        match self {
            Progress::Quiet => {}
            Progress::Plain => eprintln!("{text}"),
            Progress::Bars(m) => {
                let _ = m.println(text);
            }
        }
    }

    /// A per-blob progress handle.
    pub fn blob(&self, what: &str, digest: &str, size: u64) -> BlobProgress {
        let short = short_digest(digest);
        let bar = match self {
            Progress::Bars(m) => {
                let b = m.add(ProgressBar::new(size));
                b.set_style(
                    ProgressStyle::with_template(
                        "{prefix} {bar:30.cyan/blue} {bytes:>10}/{total_bytes:<10} {bytes_per_sec:>12} {msg}",
                    )
                    .unwrap()
                    .progress_chars("=> "),
                );
                b.set_prefix(format!("Copying {what} {short}"));
                Some(b)
            }
            _ => None,
        };
        BlobProgress {
            bar,
            plain: matches!(self, Progress::Plain),
            label: format!("Copying {what} {short}"),
        }
    }
}

pub struct BlobProgress {
    bar: Option<ProgressBar>,
    plain: bool,
    label: String,
}

impl BlobProgress {
    pub fn inc(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.inc(n);
        }
    }

    pub fn message(&self, msg: &'static str) {
        if let Some(b) = &self.bar {
            b.set_message(msg);
        }
    }

    pub fn finish(&self, msg: &str) {
        if let Some(b) = &self.bar {
            b.finish_with_message(msg.to_string());
        } else if self.plain {
            eprintln!("{} {msg}", self.label);
        }
    }
}

/// First 12 hex digits, as podman shows them.
pub fn short_digest(d: &str) -> &str {
    let h = d.strip_prefix("sha256:").unwrap_or(d);
    &h[..h.len().min(12)]
}

/// Human size like docker (4 significant digits, decimal units): 1.982MB, 512kB, 12B.
pub fn human_size(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1000.0 && i + 1 < UNITS.len() {
        v /= 1000.0;
        i += 1;
    }
    let decimals = if v >= 100.0 {
        1
    } else if v >= 10.0 {
        2
    } else {
        3
    };
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    format!("{s}{}", UNITS[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_look_like_docker() {
        assert_eq!(human_size(12), "12B");
        assert_eq!(human_size(1_982_256), "1.982MB");
        assert_eq!(human_size(512_000), "512kB");
        assert_eq!(human_size(123_456_789), "123.5MB");
        assert_eq!(short_digest("sha256:0123456789abcdef"), "0123456789ab");
    }
}
