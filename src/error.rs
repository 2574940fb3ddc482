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

/// True when the error is a broken pipe on our own output (`skiff ps | head`): not worth a message.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
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
    fn broken_pipe_is_recognised() {
        let io = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let err = anyhow::Error::from(io).context("writing table");
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow::anyhow!("x")));
    }
}
