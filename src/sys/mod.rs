//! The only module with `unsafe`. Each block says why it is sound. Everything here is small and
//! wraps one system call or one fork.
#![allow(unsafe_code)]

use nix::unistd::{ForkResult, Pid};

/// Restore the default SIGPIPE action so that `skiff ps | head` ends quietly, like a C tool, instead
/// of panicking in `println!` when the reader goes away. Only the CLI does this; long-lived helpers
/// that write to sockets keep SIGPIPE ignored and handle EPIPE.
pub fn default_sigpipe() {
    // SAFETY: setting a signal disposition to SIG_DFL installs no handler code, so there is nothing
    // that could run in signal context; it is called at the start of main before any thread starts.
    unsafe {
        let _ = nix::sys::signal::signal(
            nix::sys::signal::Signal::SIGPIPE,
            nix::sys::signal::SigHandler::SigDfl,
        );
    }
}

/// Number of threads in this process (from /proc/self/task).
pub fn thread_count() -> usize {
    std::fs::read_dir("/proc/self/task")
        .map(|d| d.count())
        .unwrap_or(1)
}

#[derive(Debug, thiserror::Error)]
pub enum ForkError {
    #[error(
        "internal error: fork() needs a single-threaded process, found {0} threads \
         (namespace work must run before the async runtime starts)"
    )]
    Threaded(usize),
    #[error("fork failed")]
    Fork(#[source] nix::Error),
}

/// Fork; the child runs `child` and exits with its return value without unwinding or running the
/// parent's atexit handlers. Returns the child's pid in the parent.
///
/// The process must be single-threaded: the child of a multithreaded fork may only call
/// async-signal-safe functions, and `child` is arbitrary Rust.
pub fn fork_child(child: impl FnOnce() -> i32) -> Result<Pid, ForkError> {
    let threads = thread_count();
    if threads > 1 {
        return Err(ForkError::Threaded(threads));
    }
    // SAFETY: the process has one thread (checked just above), so the child inherits a consistent
    // heap and no lock can be held by a thread that does not exist in the child.
    match unsafe { nix::unistd::fork() }.map_err(ForkError::Fork)? {
        ForkResult::Parent { child } => Ok(child),
        ForkResult::Child => {
            let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(child)).unwrap_or(125);
            // SAFETY: _exit ends the child at once; it does not run destructors or atexit handlers
            // registered by the parent, which could flush the parent's buffers twice.
            unsafe { libc::_exit(code) }
        }
    }
}

/// In a forked child: close the child's copy of a descriptor that the parent's frame still owns as
/// an `OwnedFd`. Used so that the child does not keep a pipe end open that must reach EOF.
pub fn close_in_child(fd: std::os::fd::RawFd) {
    // SAFETY: only called in a forked child that leaves through `_exit`, so the parent's `OwnedFd`
    // for this number is never dropped in the child and the descriptor is not closed twice.
    unsafe {
        libc::close(fd);
    }
}

/// Borrow a descriptor number that stays open until the process exits (a forked child's inherited
/// pipe ends, whose owners in the parent frame are never dropped in the child).
pub fn borrow_raw(fd: std::os::fd::RawFd) -> std::os::fd::BorrowedFd<'static> {
    // SAFETY: callers pass descriptors that remain open for the rest of the (child) process.
    unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) }
}
