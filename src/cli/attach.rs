//! `skiff attach`: connect the terminal to a detached container through its supervisor: output
//! as it comes, input to its stdin (`-i`) or terminal (`-t`), signals proxied, the detach keys
//! (ctrl-p,ctrl-q) leave it running. Exits with the container's code when it ends.

use std::io::Read;
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;

use anyhow::Context;
use clap::Args;
use nix::sys::signal::{SigSet, SigmaskHow, Signal};

use super::GlobalOpts;
use crate::runtime::attach::{self, frame};
use crate::runtime::spawn::{write_all, RawMode};
use crate::state::ContainerStore;

#[derive(Debug, Args)]
pub struct AttachArgs {
    /// Do not attach stdin.
    #[arg(long)]
    pub no_stdin: bool,
    /// Keys that detach and leave the container running (empty: none).
    #[arg(long, default_value = "ctrl-p,ctrl-q", value_name = "KEYS")]
    pub detach_keys: String,
    /// Forward signals to the container.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub sig_proxy: bool,
    #[command(flatten)]
    pub latest: super::targets::Latest,
    #[arg(value_name = "CONTAINER", required_unless_present = "latest")]
    pub container: Option<String>,
}

/// `ctrl-p,ctrl-q` -> [0x10, 0x11]; a plain character stands for itself.
pub fn parse_keys(s: &str) -> anyhow::Result<Vec<u8>> {
    s.split(',')
        .filter(|k| !k.is_empty())
        .map(|k| match k.strip_prefix("ctrl-") {
            Some(c) if c.len() == 1 => Ok(c.as_bytes()[0].to_ascii_lowercase() & 0x1f),
            None if k.len() == 1 => Ok(k.as_bytes()[0]),
            _ => anyhow::bail!("invalid --detach-keys {s:?}: use keys like ctrl-p,ctrl-q or a,b"),
        })
        .collect()
}

pub fn run(g: &GlobalOpts, a: AttachArgs) -> anyhow::Result<i32> {
    let paths = g.paths()?;
    let store = ContainerStore::open(&paths.root, &paths.runroot)?;
    let c = super::targets::one(&store, a.container.as_deref(), a.latest.latest)?;
    attach_to(&store, &c, &a, || Ok(()))
}

/// Attach to `c`; `connected` runs once the supervisor has our connection (`start -a` of an
/// initialized container starts it there, so that no output is missed).
pub fn attach_to(
    store: &ContainerStore,
    c: &crate::state::Container,
    a: &AttachArgs,
    connected: impl FnOnce() -> anyhow::Result<()>,
) -> anyhow::Result<i32> {
    let name = c.name.clone();
    if !c.process_alive() {
        anyhow::bail!(
            "{}: the container is not running (`skiff start -a {}` runs it attached)",
            name,
            name
        );
    }
    if c.state.supervisor_pid == 0 {
        anyhow::bail!(
            "{}: the container runs in the foreground of another skiff; only detached containers \
             can be attached",
            name
        );
    }
    let keys = parse_keys(&a.detach_keys)?;
    let (_dir, path) = attach::short_path(&store.run_path(&c.id))?;
    let mut sock = UnixStream::connect(&path)
        .with_context(|| format!("connecting to the supervisor of {}", name))?;
    connected()?;
    let tty = c.spec.tty;
    let use_stdin = !a.no_stdin && (c.spec.stdin || tty);
    let _raw = (tty && use_stdin).then(RawMode::enter);
    let mut sigs = SigSet::empty();
    for s in [
        Signal::SIGWINCH,
        Signal::SIGINT,
        Signal::SIGTERM,
        Signal::SIGHUP,
        Signal::SIGQUIT,
    ] {
        sigs.add(s);
    }
    nix::sys::signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&sigs), None)?;
    let sfd =
        nix::sys::signalfd::SignalFd::with_flags(&sigs, nix::sys::signalfd::SfdFlags::SFD_CLOEXEC)?;
    let send_size = |sock: &mut UnixStream| {
        if let Some(ws) = crate::sys::get_winsize(0) {
            let mut p = ws.ws_row.to_be_bytes().to_vec();
            p.extend_from_slice(&ws.ws_col.to_be_bytes());
            let _ = std::io::Write::write_all(sock, &frame(attach::RESIZE, &p));
        }
    };
    if tty {
        send_size(&mut sock);
    }
    let stdin = std::io::stdin();
    let mut stdin_open = use_stdin;
    let mut pending: Vec<u8> = Vec::new();
    let mut matched = 0usize;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
        let mut fds = vec![
            PollFd::new(sock.as_fd(), PollFlags::POLLIN),
            PollFd::new(sfd.as_fd(), PollFlags::POLLIN),
        ];
        if stdin_open {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            Err(nix::Error::EINTR) => continue,
            Err(e) => return Err(e.into()),
        }
        let ready: Vec<bool> = fds
            .iter()
            .map(|f| f.revents().is_some_and(|r| !r.is_empty()))
            .collect();
        drop(fds);
        if ready[0] {
            let n = sock.read(&mut buf).unwrap_or(0);
            if n == 0 {
                anyhow::bail!("{}: the supervisor went away", name);
            }
            pending.extend_from_slice(&buf[..n]);
            let mut cur = std::io::Cursor::new(std::mem::take(&mut pending));
            loop {
                let start = cur.position() as usize;
                match attach::read_frame(&mut cur) {
                    Ok(Some((stream @ (attach::STDOUT | attach::STDERR), d))) => {
                        let written = if stream == attach::STDOUT {
                            write_all(std::io::stdout().as_fd(), &d)
                        } else {
                            write_all(std::io::stderr().as_fd(), &d)
                        };
                        if !written {
                            // Our reader went away: detach, the container keeps running.
                            return Err(crate::error::StdoutClosed.into());
                        }
                    }
                    Ok(Some((attach::EXIT, d))) if d.len() == 4 => {
                        return Ok(i32::from_be_bytes([d[0], d[1], d[2], d[3]]));
                    }
                    Ok(Some(_)) => {}
                    // Incomplete: keep the rest for the next read.
                    Ok(None) | Err(_) => {
                        pending = cur.into_inner()[start..].to_vec();
                        break;
                    }
                }
            }
        }
        if ready[1] {
            if let Ok(Some(info)) = sfd.read_signal() {
                match Signal::try_from(info.ssi_signo as i32) {
                    Ok(Signal::SIGWINCH) if tty => send_size(&mut sock),
                    Ok(s) if a.sig_proxy && s != Signal::SIGWINCH => {
                        let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(c.state.pid), s);
                    }
                    _ => {}
                }
            }
        }
        if ready.get(2) == Some(&true) {
            let n = nix::unistd::read(stdin.as_fd(), &mut buf).unwrap_or(0);
            if n == 0 {
                stdin_open = false;
                let _ = std::io::Write::write_all(&mut sock, &frame(attach::STDIN_EOF, &[]));
                continue;
            }
            // The detach keys, possibly split across reads, are not passed on.
            let mut out = Vec::with_capacity(n);
            for &b in &buf[..n] {
                if tty && !keys.is_empty() && b == keys[matched] {
                    matched += 1;
                    if matched == keys.len() {
                        drop(_raw);
                        eprintln!("\r\nskiff: detached from {}", name);
                        return Ok(0);
                    }
                    continue;
                }
                out.extend_from_slice(&keys[..matched]);
                matched = 0;
                out.push(b);
            }
            if !out.is_empty() {
                let _ = std::io::Write::write_all(&mut sock, &frame(attach::STDIN, &out));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn detach_keys() {
        assert_eq!(
            super::parse_keys("ctrl-p,ctrl-q").unwrap(),
            vec![0x10, 0x11]
        );
        assert_eq!(super::parse_keys("a,ctrl-A").unwrap(), vec![b'a', 1]);
        assert!(super::parse_keys("ctrl-").is_err());
        assert!(super::parse_keys("").unwrap().is_empty());
    }
}
