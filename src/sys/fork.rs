//! Making processes: fork, clone into new namespaces, a vfork-like clone sharing our memory.

use nix::unistd::{ForkResult, Pid};

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

/// End this process at once (a forked or cloned child): no destructors, no atexit handlers that
/// could flush buffers inherited from the parent.
pub fn exit_now(code: i32) -> ! {
    // SAFETY: _exit only ends the process.
    unsafe { libc::_exit(code) }
}

/// clone(2) a child into new namespaces (`flags`); the child runs `child` on its own stack and
/// exits with its return value. Like [`fork_child`], the process must be single-threaded: without
/// CLONE_VM the child gets a copy of this address space.
pub fn clone_child(
    flags: nix::sched::CloneFlags,
    child: impl FnOnce() -> i32,
) -> Result<Pid, ForkError> {
    // SAFETY: no CLONE_VM: the child works on a private copy of the address space.
    unsafe { clone_on_stack(flags, child) }
}

/// clone(2) with CLONE_VM | CLONE_VFORK: the child runs `child` on a stack of its own in this
/// very address space while this thread waits, until the child exits; its pid is returned (the
/// child is still to be reaped). For short work whose point is the child's own process state
/// (joining a user namespace, then cloning the container from there), without the copy of this
/// address space a fork makes and the child's exit then tears down (~1 ms per container here).
/// What `child` does to memory is as if this thread had done it (it owns nothing of its own, and
/// what it allocates it must free); descriptors, namespaces and credentials are its own.
pub fn vfork_child(child: impl FnOnce() -> i32) -> Result<Pid, ForkError> {
    let flags = nix::sched::CloneFlags::CLONE_VM | nix::sched::CloneFlags::CLONE_VFORK;
    // SAFETY: CLONE_VFORK suspends this (only) thread until the child has exited: nothing else
    // touches memory while the child runs.
    unsafe { clone_on_stack(flags, child) }
}

/// The child runs `child` on a stack of its own and leaves through _exit with its value.
///
/// # Safety
/// With CLONE_VM in `flags` the caller must keep this process from touching memory while the
/// child runs (CLONE_VFORK).
unsafe fn clone_on_stack(
    flags: nix::sched::CloneFlags,
    child: impl FnOnce() -> i32,
) -> Result<Pid, ForkError> {
    let threads = thread_count();
    if threads > 1 {
        // A copied address space would hold other threads' half-done work; a shared one would
        // have them run on in it.
        return Err(ForkError::Threaded(threads));
    }
    let mut stack = vec![0u8; 1 << 20];
    let mut child = Some(child);
    let cb = Box::new(move || -> isize {
        let f = child.take().expect("clone callback runs once");
        let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or(125);
        // SAFETY: leave without running exit handlers (see fork_child); only this task ends.
        unsafe { libc::_exit(code) }
    });
    // SAFETY: single-threaded (checked above); `stack` outlives the call here, and the child
    // never returns from the callback. Shared memory is the caller's to keep still (above).
    unsafe { nix::sched::clone(cb, &mut stack, flags, Some(libc::SIGCHLD)) }
        .map_err(ForkError::Fork)
}
