//! `descent`: gradient descent and training from the terminal.
//!
//! The grammar is in `args` (clap derive); each subcommand lives in its own
//! module (`descend`, `race`, `sweep`, `train`, `backprop`, `chapter`,
//! `figure`; `optimizer` holds the optimizer flags `race` and `sweep` share); this file
//! only dispatches and reports. Bad input never panics: it prints one line
//! `descent: <field>: <problem>` on stderr and exits with code 2.

mod args;
mod backprop;
mod chapter;
mod descend;
mod error;
mod figure;
mod json;
mod optimizer;
mod pytorch;
mod race;
mod sweep;
mod train;

use std::io::Write;
use std::process::ExitCode;

use args::Command;
use error::CliError;

/// What to print on stdout, or the error to report.
fn dispatch(args: Vec<String>) -> Result<String, CliError> {
    let cli = match args::parse(args)? {
        Ok(cli) => cli,
        Err(help) => return Ok(help),
    };
    Ok(match cli.command {
        Command::Descend(args) => descend::run(args) + "\n",
        Command::Race(args) => race::run(args)? + "\n",
        Command::Sweep(args) => sweep::run(&args)? + "\n",
        Command::Train(args) => train::run(&args)? + "\n",
        Command::Backprop(args) => backprop::run(&args)? + "\n",
        Command::Chapter => chapter::run(),
        Command::Figure(args) => figure::run(&args)?,
        Command::Pytorch(args) => pytorch::run(&args)?,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let result = dispatch(args).and_then(|out| {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(out.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|e| CliError::new("stdout", e.to_string()))
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Nothing more can be done if stderr is gone too.
            let _ = writeln!(std::io::stderr(), "descent: {e}");
            ExitCode::from(2)
        }
    }
}
