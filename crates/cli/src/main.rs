//! `draftwatch`: the command-line face of Draftwatch, for scripting and headless
//! use. Every command calls functions of `draftwatch_core::Workspace`:
//! [`args`] is the grammar, [`cmd`] runs each command family, [`print`] writes
//! results (text, or JSON under `--json`), [`error`] says why a command failed.
//!
//! Errors are one sentence on stderr (`{"code", "message"}` under `--json`)
//! and exit status 1; bad usage caught by clap exits with status 2.

/// mimalloc, not the system's malloc: a comparison of two large codes makes
/// hundreds of thousands of small strings on two threads, and glibc's
/// per-thread arenas grow a page at a time (BGB 2012 -> 2022: 7,300 page
/// faults with glibc, 400 with mimalloc; 15-25% less time, BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod args;
mod cmd;
mod error;
mod print;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // `draftwatch ... | head` ends quietly, as command-line tools do, instead
    // of panicking on the closed pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage(e),
    };
    let json = cli.json;
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            e.report(json);
            ExitCode::FAILURE
        }
    }
}

/// Bad usage found by clap: its message and usage (status 2); under
/// `--json`, its sentence as `{"code": "usage", "message"}`. Help and
/// version requests print as usual.
fn usage(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let json = std::env::args_os().any(|a| a == "--json");
    if !json || matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand)
    {
        e.exit();
    }
    let rendered = e.to_string();
    let message = rendered.split("\n\nUsage:").next().unwrap_or_default();
    let message =
        message.strip_prefix("error: ").unwrap_or(message).lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    error::report("usage", &message, true);
    ExitCode::from(2)
}
