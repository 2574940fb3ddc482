//! The skiff binary: parse, set up logging, dispatch, print an error once, map it to an exit code.

use skiff::error::{exit_code_of, is_stdout_closed, EXIT_SKIFF};

fn main() {
    // Run as `skiff-runtime` (a link to this binary): the runc-compatible OCI runtime.
    let argv0 = std::env::args_os().next().unwrap_or_default();
    if std::path::Path::new(&argv0).file_name()
        == Some(std::ffi::OsStr::new(skiff::oci::RUNTIME_NAME))
    {
        std::process::exit(skiff::oci::main());
    }
    // Nothing our caller left open (a shell's `exec 7>file`) may reach a container or a helper.
    // `--preserve-fds N` passes 3..3+N on explicitly, at the container's exec.
    skiff::sys::cloexec_from(3);
    // SIGPIPE stays ignored (Rust's default): a helper that goes away is an EPIPE error to report,
    // and a closed stdout is turned into exit 141 below (cli::output).
    let cli = match skiff::cli::parse::parse() {
        Ok(c) => c,
        Err(e) => {
            // --help and --version are "errors" to clap that print to stdout and exit 0.
            let code = if e.use_stderr() { EXIT_SKIFF } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    init_logging(cli.global.log_level);
    let code = match skiff::cli::run(cli) {
        Ok(code) => code,
        Err(e) if is_stdout_closed(&e) => 141,
        Err(e) => {
            eprintln!("Error: {e:#}");
            exit_code_of(&e)
        }
    };
    std::process::exit(code);
}

fn init_logging(level: skiff::cli::LogLevel) {
    // Our own messages at the chosen level; the libraries' (reqwest, rustls, oci-client) only from
    // debug on, so that their errors do not show twice beside ours.
    let directives = match level {
        skiff::cli::LogLevel::Debug => "info,skiff=debug".to_string(),
        skiff::cli::LogLevel::Trace => "trace".to_string(),
        other => format!("off,skiff={}", other.as_filter()),
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("SKIFF_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(directives));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .with_target(false)
        .init();
}
