//! The only module with `unsafe`. Each block says why it is sound. Everything here is small and
//! wraps one system call or one fork.
#![allow(unsafe_code)]

mod fork;

pub use fork::{clone_child, exit_now, fork_child, thread_count, vfork_child, ForkError};

/// One signal back to its default action (after a tokio runtime that handled it is gone).
pub fn default_signal_action(sig: nix::sys::signal::Signal) {
    // SAFETY: SIG_DFL installs no handler code, so nothing can run in signal context.
    unsafe {
        let _ = nix::sys::signal::signal(sig, nix::sys::signal::SigHandler::SigDfl);
    }
}

/// Every signal back to its default action, as a new program expects to find them (skiff itself
/// ignores SIGPIPE, the supervisor also SIGHUP; an ignored signal stays ignored across execve).
/// Called just before execve, in the process that execs.
fn default_signal_actions() {
    // The kernel's struct sigaction on x86_64/aarch64: handler, flags, restorer, mask.
    #[repr(C)]
    struct KernelSigaction {
        handler: usize,
        flags: u64,
        restorer: usize,
        mask: u64,
    }
    let dfl = KernelSigaction {
        handler: 0, // SIG_DFL
        flags: 0,
        restorer: 0,
        mask: 0,
    };
    // Raw rt_sigaction: glibc refuses to touch the two real-time signals it keeps for itself (32,
    // 33), which a parent may have left ignored; the program we exec is not glibc's concern yet.
    for sig in 1..=64 {
        if sig == libc::SIGKILL || sig == libc::SIGSTOP {
            continue;
        }
        // SAFETY: rt_sigaction reads `dfl` (a valid struct that outlives the call) and writes
        // nothing (null old action); SIG_DFL installs no handler code.
        unsafe {
            libc::syscall(
                libc::SYS_rt_sigaction,
                sig,
                &dfl as *const KernelSigaction,
                std::ptr::null_mut::<KernelSigaction>(),
                8usize,
            );
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

/// In a forked child that leaves through `_exit`: close every descriptor from `first` up (none
/// of them is then owned by anything that runs in the child).
pub fn close_from_in_child(first: std::os::fd::RawFd) {
    // SAFETY: close_range takes no pointers; the child never drops the parent's `OwnedFd`s
    // (it ends with _exit), so no descriptor is closed twice.
    unsafe {
        libc::syscall(
            libc::SYS_close_range,
            first as libc::c_uint,
            libc::c_uint::MAX,
            0 as libc::c_uint,
        );
    }
}

/// Mark every descriptor from `first` up close-on-exec. skiff calls it first thing (with 3), so
/// that no descriptor of its caller (`exec 7>file` in a shell) reaches a container or a helper, and
/// again just before a container's execve, for any descriptor skiff itself opened without it.
pub fn cloexec_from(first: std::os::fd::RawFd) {
    // SAFETY: close_range with CLOSE_RANGE_CLOEXEC only sets a flag on descriptors of this process;
    // it takes no pointers.
    let r = unsafe {
        libc::syscall(
            libc::SYS_close_range,
            first as libc::c_uint,
            libc::c_uint::MAX,
            libc::CLOSE_RANGE_CLOEXEC as libc::c_uint,
        )
    };
    if r == 0 {
        return;
    }
    // Kernels before 5.11: one by one.
    if let Ok(d) = std::fs::read_dir("/proc/self/fd") {
        let fds: Vec<std::os::fd::RawFd> = d
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
            .filter(|fd| *fd >= first)
            .collect();
        for fd in fds {
            let _ = set_cloexec(fd, true);
        }
    }
}

/// Set or clear FD_CLOEXEC on `fd` (`--preserve-fds` clears it on the descriptors passed down).
pub fn set_cloexec(fd: std::os::fd::RawFd, on: bool) -> nix::Result<()> {
    let flag = if on { libc::FD_CLOEXEC } else { 0 };
    // SAFETY: F_SETFD takes an integer and touches no memory; a closed fd fails with EBADF.
    nix::errno::Errno::result(unsafe { libc::fcntl(fd, libc::F_SETFD, flag) }).map(|_| ())
}

/// In a forked child that stays alive without exec (the port forwarder): close every inherited
/// descriptor above 2 except `keep`, so that it holds no pipe end another process waits on.
pub fn close_inherited_except(keep: &[std::os::fd::RawFd]) {
    let fds: Vec<std::os::fd::RawFd> = match std::fs::read_dir("/proc/self/fd") {
        Ok(d) => d
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
            .collect(),
        Err(_) => return,
    };
    for fd in fds.into_iter().filter(|fd| *fd > 2 && !keep.contains(fd)) {
        close_in_child(fd);
    }
}

/// Start `cmd` with no signal blocked: std's `Command` passes the parent's signal mask on, and
/// our callers block the signals they relay (a helper that inherits a blocked SIGTERM would
/// outlive its container).
pub fn unblock_signals_on_exec(cmd: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs between fork and exec and only calls sigprocmask, which is
    // async-signal-safe; it touches no memory shared with other threads.
    unsafe {
        cmd.pre_exec(|| {
            let empty = nix::sys::signal::SigSet::empty();
            nix::sys::signal::sigprocmask(
                nix::sys::signal::SigmaskHow::SIG_SETMASK,
                Some(&empty),
                None,
            )
            .map_err(std::io::Error::from)
        });
    }
}

/// Point stdin, stdout and stderr at /dev/null: a helper that outlives its caller keeps none of
/// the caller's pipes or terminal open.
pub fn stdio_to_null() {
    if let Ok(null) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
    {
        let _ = nix::unistd::dup2_stdin(&null);
        let _ = nix::unistd::dup2_stdout(&null);
        let _ = nix::unistd::dup2_stderr(&null);
    }
}

/// Run `f` in the child between fork and exec. Only for single-threaded callers (the supervisor):
/// there `f` may allocate, as no other thread can hold the allocator's lock at the fork.
pub fn before_exec_single_threaded(
    cmd: &mut std::process::Command,
    f: impl FnMut() -> std::io::Result<()> + Send + Sync + 'static,
) {
    use std::os::unix::process::CommandExt;
    debug_assert_eq!(thread_count(), 1);
    // SAFETY: the caller is single-threaded (asserted in debug builds), so the child's memory is
    // consistent and `f` may do anything a normal single-threaded program may.
    unsafe {
        cmd.pre_exec(f);
    }
}

/// Give back memory a long-lived, mostly idle process (the supervisor) no longer needs: free heap
/// pages return to the kernel, and clean file-backed pages (code and read-only data touched only
/// while starting) leave its resident set; the few it still uses fault back in from the page
/// cache. Mappings with any private (copied-on-write) page are left alone.
pub fn trim_memory() {
    // SAFETY: malloc_trim only returns free heap memory to the kernel.
    unsafe {
        libc::malloc_trim(0);
    }
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else {
        return;
    };
    let mut clean: Vec<(usize, usize)> = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for line in smaps.lines() {
        let mut f = line.split_whitespace();
        let first = f.next().unwrap_or_default();
        if let Some((a, b)) = first.split_once('-') {
            if let (Ok(a), Ok(b)) = (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16)) {
                let perms = f.next().unwrap_or_default();
                let _offset = f.next();
                let _dev = f.next();
                let inode = f.next().unwrap_or("0");
                // Private, not writable, backed by a file.
                current = (perms.starts_with('r')
                    && perms.as_bytes().get(1) == Some(&b'-')
                    && perms.ends_with('p')
                    && inode != "0")
                    .then_some((a, b));
                continue;
            }
        }
        // A mapping whose pages were all read from the file: no anonymous (COW) page in it,
        // e.g. not the relocated .data.rel.ro that is read-only now.
        if first == "Anonymous:" {
            if let (Some(range), Some("0")) = (current.take(), f.next()) {
                clean.push(range);
            }
        }
    }
    for (a, b) in clean {
        // SAFETY: the range is a whole private, read-only, file-backed mapping without anonymous
        // pages: dropping its pages loses nothing, a later access re-reads them from the file.
        // MADV_RANDOM first: without it every later fault maps 64 KiB around the page it needs.
        unsafe {
            let addr = std::ptr::NonNull::new_unchecked(a as *mut libc::c_void);
            let _ = nix::sys::mman::madvise(addr, b - a, nix::sys::mman::MmapAdvise::MADV_RANDOM);
            let _ = nix::sys::mman::madvise(addr, b - a, nix::sys::mman::MmapAdvise::MADV_DONTNEED);
        }
    }
}

/// Borrow a descriptor number that stays open until the process exits (a forked child's inherited
/// pipe ends, whose owners in the parent frame are never dropped in the child).
pub fn borrow_raw(fd: std::os::fd::RawFd) -> std::os::fd::BorrowedFd<'static> {
    // SAFETY: callers pass descriptors that remain open for the rest of the (child) process.
    unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) }
}

/// Send a file descriptor over a unix socket (SCM_RIGHTS) with a one-byte message.
pub fn send_fd(sock: std::os::fd::BorrowedFd<'_>, fd: std::os::fd::RawFd) -> nix::Result<()> {
    send_fd_with(sock, fd, b"F")
}

/// Receive a message (up to 4 KiB) and at most one file descriptor.
pub fn recv_with_fd(
    sock: std::os::fd::BorrowedFd<'_>,
) -> nix::Result<(Vec<u8>, Option<std::os::fd::OwnedFd>)> {
    use nix::sys::socket::{recvmsg, ControlMessageOwned, MsgFlags};
    use std::os::fd::{AsRawFd, FromRawFd};
    let mut buf = vec![0u8; 4096];
    let mut cmsg = nix::cmsg_space!([std::os::fd::RawFd; 1]);
    let (n, fd) = {
        let mut iov = [std::io::IoSliceMut::new(&mut buf)];
        let msg = recvmsg::<()>(
            sock.as_raw_fd(),
            &mut iov,
            Some(&mut cmsg),
            MsgFlags::MSG_CMSG_CLOEXEC,
        )?;
        let mut fd = None;
        for c in msg.cmsgs()? {
            if let ControlMessageOwned::ScmRights(fds) = c {
                // SAFETY: the kernel just installed these descriptors in our table for us; we take
                // ownership of the first and there is no other owner.
                fd = fds
                    .first()
                    .map(|&f| unsafe { std::os::fd::OwnedFd::from_raw_fd(f) });
            }
        }
        (msg.bytes, fd)
    };
    buf.truncate(n);
    Ok((buf, fd))
}

/// Replace the calling process's image; returns only on failure. The new program gets 0-2 and the
/// `preserve_fds` descriptors after them (`--preserve-fds`), nothing else.
pub fn execve(
    path: &std::ffi::CStr,
    args: &[std::ffi::CString],
    env: &[std::ffi::CString],
    preserve_fds: u32,
) -> nix::Error {
    default_signal_actions();
    let keep_end = 3 + preserve_fds.min(65536) as std::os::fd::RawFd;
    cloexec_from(keep_end);
    for fd in 3..keep_end {
        let _ = set_cloexec(fd, false);
    }
    match nix::unistd::execve(path, args, env) {
        Ok(never) => match never {},
        Err(e) => e,
    }
}

/// setdomainname(2) in this process's UTS namespace.
pub fn set_domainname(name: &str) -> nix::Result<()> {
    // SAFETY: the pointer and length describe `name`, which outlives the call; the kernel copies it.
    nix::errno::Errno::result(unsafe {
        libc::setdomainname(name.as_ptr() as *const libc::c_char, name.len())
    })
    .map(|_| ())
}

/// The execution domain for the programs this process runs: PER_LINUX, or PER_LINUX32 (uname
/// reports a 32-bit machine).
pub fn set_personality(linux32: bool) -> nix::Result<()> {
    const PER_LINUX: libc::c_ulong = 0;
    const PER_LINUX32: libc::c_ulong = 8;
    let p = if linux32 { PER_LINUX32 } else { PER_LINUX };
    // SAFETY: personality(2) takes an integer and touches no memory of ours.
    nix::errno::Errno::result(unsafe { libc::personality(p) }).map(|_| ())
}

/// Make `fd` the controlling terminal of this (new session leader) process.
pub fn set_controlling_tty(fd: std::os::fd::RawFd) -> nix::Result<()> {
    // SAFETY: TIOCSCTTY takes an integer argument and touches no memory of ours.
    let r = unsafe { libc::ioctl(fd, libc::TIOCSCTTY, 0) };
    nix::errno::Errno::result(r).map(|_| ())
}

/// Unlock a pty master and return its slave's number (TIOCSPTLCK, TIOCGPTN).
pub fn unlock_pty(master: std::os::fd::RawFd) -> nix::Result<u32> {
    let mut unlock: libc::c_int = 0;
    let mut n: libc::c_uint = 0;
    // SAFETY: both ioctls read/write one integer at the pointers given, which live on our stack.
    unsafe {
        nix::errno::Errno::result(libc::ioctl(master, libc::TIOCSPTLCK, &mut unlock))?;
        nix::errno::Errno::result(libc::ioctl(master, libc::TIOCGPTN, &mut n))?;
    }
    Ok(n)
}

/// Window size of a terminal.
pub fn get_winsize(fd: std::os::fd::RawFd) -> Option<libc::winsize> {
    let mut ws: libc::winsize = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one winsize struct at the pointer, which lives on our stack.
    let r = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) };
    (r == 0).then_some(ws)
}

pub fn set_winsize(fd: std::os::fd::RawFd, ws: &libc::winsize) {
    // SAFETY: TIOCSWINSZ reads one winsize struct from the pointer.
    unsafe {
        libc::ioctl(fd, libc::TIOCSWINSZ, ws as *const libc::winsize);
    }
}

/// Bring the loopback interface of the current network namespace up (SIOCSIFFLAGS on "lo").
pub fn loopback_up() -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let sock = nix::sys::socket::socket(
        nix::sys::socket::AddressFamily::Inet,
        nix::sys::socket::SockType::Datagram,
        nix::sys::socket::SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    // SAFETY: ifreq is plain old data; zeroed is a valid value.
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    for (i, b) in b"lo".iter().enumerate() {
        req.ifr_name[i] = *b as libc::c_char;
    }
    // SAFETY: SIOCGIFFLAGS/SIOCSIFFLAGS read and write the ifreq we own; the union field used is
    // the flags member, which both ioctls define.
    unsafe {
        if libc::ioctl(sock.as_raw_fd(), libc::SIOCGIFFLAGS, &mut req) < 0 {
            return Err(std::io::Error::last_os_error());
        }
        req.ifr_ifru.ifru_flags |= (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
        if libc::ioctl(sock.as_raw_fd(), libc::SIOCSIFFLAGS, &req) < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Install a seccomp BPF program for this thread without setting no_new_privs (the caller holds
/// CAP_SYS_ADMIN in its user namespace, which the kernel accepts instead). seccompiler's own
/// `apply_filter` always sets no_new_privs, which docker does not do by default.
pub fn install_seccomp(program: &[libc::sock_filter]) -> std::io::Result<()> {
    install_seccomp_flags(program, 0).map(|_| ())
}

/// Ignore a signal (SIG_IGN).
pub fn ignore_signal(sig: nix::sys::signal::Signal) -> nix::Result<()> {
    // SAFETY: SIG_IGN installs no handler code, so nothing can run in signal context.
    unsafe { nix::sys::signal::signal(sig, nix::sys::signal::SigHandler::SigIgn).map(|_| ()) }
}

/// Send signal number `sig` (real-time ones too, which nix's `Signal` cannot name) to `pid`.
pub fn kill_raw(pid: i32, sig: i32) -> nix::Result<()> {
    // SAFETY: kill(2) takes plain integers and touches no memory of ours.
    let rc = unsafe { libc::kill(pid, sig) };
    nix::errno::Errno::result(rc).map(|_| ())
}

/// `dup2(fd, target)` (in a forked child, to give a command its stdio).
pub fn dup2_raw(fd: std::os::fd::RawFd, target: std::os::fd::RawFd) -> nix::Result<()> {
    // SAFETY: plain dup2 on descriptor numbers; the caller owns both.
    let r = unsafe { libc::dup2(fd, target) };
    nix::errno::Errno::result(r).map(drop)
}

/// Take ownership of a listening socket passed by systemd (`LISTEN_FDS`).
pub fn adopt_fd(fd: std::os::fd::RawFd) -> std::os::fd::OwnedFd {
    use std::os::fd::FromRawFd;
    // SAFETY: the descriptor was passed to this process and is owned by nothing else in it.
    unsafe { std::os::fd::OwnedFd::from_raw_fd(fd) }
}

/// Install a seccomp BPF program with `flags` (SECCOMP_FILTER_FLAG_*). With
/// SECCOMP_FILTER_FLAG_NEW_LISTENER the kernel returns the notify listener's descriptor.
pub fn install_seccomp_flags(
    program: &[libc::sock_filter],
    flags: u32,
) -> std::io::Result<Option<std::os::fd::OwnedFd>> {
    use std::os::fd::FromRawFd;
    let prog = libc::sock_fprog {
        len: program.len() as u16,
        filter: program.as_ptr() as *mut libc::sock_filter,
    };
    // SAFETY: the kernel copies `len` instructions from `filter`, which points into `program`,
    // alive for the whole call; `prog` lives on our stack.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            libc::SECCOMP_SET_MODE_FILTER,
            flags as libc::c_ulong,
            &prog as *const libc::sock_fprog,
        )
    };
    if rc < 0 {
        return Err(std::io::Error::last_os_error());
    }
    if flags & 8 != 0 && rc > 0 {
        // SAFETY: with NEW_LISTENER the return value is a new descriptor that only we own.
        return Ok(Some(unsafe {
            std::os::fd::OwnedFd::from_raw_fd(rc as i32)
        }));
    }
    Ok(None)
}

/// Send a file descriptor over a unix socket (SCM_RIGHTS) with `payload` as the message.
pub fn send_fd_with(
    sock: std::os::fd::BorrowedFd<'_>,
    fd: std::os::fd::RawFd,
    payload: &[u8],
) -> nix::Result<()> {
    use nix::sys::socket::{sendmsg, ControlMessage, MsgFlags};
    use std::os::fd::AsRawFd;
    let iov = [std::io::IoSlice::new(payload)];
    let fds = [fd];
    sendmsg::<()>(
        sock.as_raw_fd(),
        &iov,
        &[ControlMessage::ScmRights(&fds)],
        MsgFlags::empty(),
        None,
    )
    .map(|_| ())
}

/// mount_setattr(2) with MOUNT_ATTR_IDMAP: make the detached mount `fd` (from open_tree with
/// OPEN_TREE_CLONE) show its files' owners through the user namespace `userns`.
pub fn mount_setattr_idmap(
    fd: std::os::fd::BorrowedFd<'_>,
    userns: std::os::fd::BorrowedFd<'_>,
    recursive: bool,
) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    #[repr(C)]
    struct MountAttr {
        attr_set: u64,
        attr_clr: u64,
        propagation: u64,
        userns_fd: u64,
    }
    const MOUNT_ATTR_IDMAP: u64 = 0x0010_0000;
    let attr = MountAttr {
        attr_set: MOUNT_ATTR_IDMAP,
        attr_clr: 0,
        propagation: 0,
        userns_fd: userns.as_raw_fd() as u64,
    };
    let mut flags = libc::AT_EMPTY_PATH as libc::c_uint;
    if recursive {
        flags |= libc::AT_RECURSIVE as libc::c_uint;
    }
    // SAFETY: the kernel reads `size_of::<MountAttr>()` bytes from `attr`, alive on our stack for
    // the call, and the empty C string literal; `fd` and `userns` are open descriptors we borrow.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            fd.as_raw_fd(),
            c"".as_ptr(),
            flags,
            &attr as *const MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}
