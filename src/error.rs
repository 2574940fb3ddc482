//! Exit codes shared by every command, following docker/podman: 125 for skiff's own errors, 126 when
//! the container command cannot be executed, 127 when it is not found, else the container's status.

use std::fmt;

/// skiff itself failed (bad flags, store, registry, setup).
pub const EXIT_SKIFF: i32 = 125;
/// The container command exists but could not be executed.
pub const EXIT_NOT_EXECUTABLE: i32 = 126;
/// The container command was not found.
pub const EXIT_NOT_FOUND: i32 = 127;

/// An error that carries its own exit code. `main` looks for it in the error chain; any other error
/// exits with [`EXIT_SKIFF`].
#[derive(Debug)]
pub struct Coded {
    pub code: i32,
    pub message: String,
}

impl Coded {
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        Coded {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Coded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Coded {}

/// The exit code for an error: the first [`Coded`] in its chain, else 125.
pub fn exit_code_of(err: &anyhow::Error) -> i32 {
    err.chain()
        .find_map(|e| e.downcast_ref::<Coded>().map(|c| c.code))
        .unwrap_or(EXIT_SKIFF)
}

/// Our own standard output (or error) was closed by its reader (`skiff ps | head`): main exits 141
/// without a message, as a C tool killed by SIGPIPE would. Only writes to skiff's own stdout and
/// stderr produce it; a broken internal pipe (to a helper) is an ordinary error.
#[derive(Debug, thiserror::Error)]
#[error("standard output was closed by its reader")]
pub struct StdoutClosed;

/// A failed write to skiff's own stdout or stderr: EPIPE becomes [`StdoutClosed`].
pub fn output_error(e: std::io::Error) -> anyhow::Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        anyhow::Error::new(StdoutClosed)
    } else {
        anyhow::Error::new(e).context("writing to standard output")
    }
}

/// True when the error is [`StdoutClosed`]: not worth a message.
pub fn is_stdout_closed(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<StdoutClosed>().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn coded_error_is_found_through_context() {
        let err = Err::<(), _>(Coded::new(EXIT_NOT_FOUND, "no such command"))
            .context("starting container")
            .unwrap_err();
        assert_eq!(exit_code_of(&err), EXIT_NOT_FOUND);
        assert_eq!(exit_code_of(&anyhow::anyhow!("plain")), EXIT_SKIFF);
    }

    #[test]
    fn only_our_own_output_counts_as_closed() {
        let pipe = || std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let ours = output_error(pipe()).context("writing table");
        assert!(is_stdout_closed(&ours));
        // An internal pipe (a helper that died) is an error to report.
        let internal = anyhow::Error::from(pipe()).context("feeding the unpack helper");
        assert!(!is_stdout_closed(&internal));
        assert!(!is_stdout_closed(&anyhow::anyhow!("x")));
        let other = output_error(std::io::Error::from(std::io::ErrorKind::StorageFull));
        assert!(!is_stdout_closed(&other));
    }
}
